"""Small closed word lists the checks lean on instead of a tagger (no spaCy at check time).

Kept deliberately short: each list is a judgement about English or about how MT of Chinese
government prose fails, and a long list would hide which words actually matter.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Closed-class words that begin a clause. Capitalised in the middle of a sentence they mean a
# lost sentence boundary or a clause glued on ("has made The major", ", There are"). Proper
# nouns are never function words, which is what keeps these checks quiet on names.
# Left out on purpose: "I", "A" (vitamin A, grade A), "May", "Will", "No" (No. 10).
CLAUSE_STARTERS = _set(
    """
    The There This These Those That It Its We They He She You Our Their His Her Them
    In On At With Through Under For From By To Of As After Before During Since Among
    Against Between Within Without Over Upon Into Via Across Along Despite Regarding
    And But Or So Yet Nor If When While Although Though Because Whereas Unless Until Once
    What Which Who Whom Whose Where Why How Is Are Was Were Has Have Had Would Can Could
    Should Shall Must Do Does Did Not All Each Every Some Many Most Such Both Either Neither
    Also Then Thus However Therefore Meanwhile Moreover Furthermore Currently Besides
    """
)

# Capitalised words that open a main clause, so a lost sentence boundary before them is
# certain enough to repair with ". " ("twoThe development" -> "two. The development",
# ", There are" -> ". There are"). Subordinators and relatives ("If", "Which") are not here:
# a clause they open may belong to the sentence before.
SENTENCE_STARTERS = _set(
    """
    The There This These Those It We They He She Our Their Its His Her In At On Under With
    Through From After During Since Among Also However Therefore Meanwhile Moreover
    Furthermore Currently Besides New
    """
)

# Words that label a numbered heading or clause ("Article 25 The State ...", "No. 3 The").
HEADING_LABELS = _set("article chapter section part clause item rule step no stage phase")

# Number words count only in hyphenated compounds ("rated Five-star national ..."); alone they
# are too often part of a name ("day One of the trial" is rare, "Formula One" common).
NUMBER_WORDS = _set("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Hundred")

# Verbs that open the imperative clauses of Chinese policy prose ("Implement ...",
# "Cultivate ..."). Capitalised after a lower-case word they mark two clauses run together.
MT_CLAUSE_VERBS = _set(
    """
    Accelerate Adhere Build Carry Continue Coordinate Create Cultivate Deepen Develop
    Empower Encourage Enhance Ensure Establish Expand Focus Formulate Guide Implement
    Improve Optimize Promote Strengthen Support
    Accelerating Adhering Building Carrying Continuing Coordinating Creating Cultivating
    Deepening Developing Empowering Encouraging Enhancing Ensuring Establishing Expanding
    Focusing Formulating Guiding Implementing Improving Optimizing Promoting Strengthening
    Supporting
    """
)

# Real words written in camel case, lower-cased; a token is a run of letters, so "McDonald's"
# is looked up as "mcdonald". Most names pass by rule anyway (a short first hump as in WeChat
# or YouTube, a one-letter prefix as in iPhone or mRNA); this list is for the rest, and keeps
# the best-known names safe whatever the rules become.
CAMEL_CASE_ALLOWED = _set(
    """
    linkedin pricewaterhousecoopers manpowergroup nationalgeographic macos watchos tvos ipados
    jquery ebay iphone ipad wechat petrochina youtube mcdonald paypal thestreet thatgamecompany
    """
)

# Abbreviations whose final period may be followed by , ; : without being stray punctuation.
ABBREVIATIONS = _set(
    """
    etc inc ltd co corp plc llc jr sr st mr mrs ms dr prof gen gov sen rep rev vs approx
    no nos vol fig dept est jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave
    al cf ibid op cit viz ca pp ed eds govt intl univ assn bros lt col capt sgt maj adm
    """
)

# Forms of "be", "have", "do" and the modals: a clause with one of these has a verb.
AUXILIARIES = _set(
    """
    is are was were be been being am has have had having do does did will would shall
    should can could may might must cannot it's that's there's he's she's what's who's here's
    where's isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't
    wouldn't can't couldn't shouldn't mustn't
    """
)

IRREGULAR_VERB_FORMS = _set(
    """
    said made took taken gave given got gotten went gone came saw seen knew known thought
    told found felt kept held brought began begun ran rose risen fell fallen grew grown won
    lost paid sold sent spent built led met bought caught taught fought sought stood
    understood wrote written spoke spoken drove driven chose chosen became broke broken ate
    eaten drew drawn flew flown threw thrown wore worn hung struck shot spread swept sank
    sunk stole stolen forgot forgotten froze frozen hid hidden meant dealt bore borne
    underwent undergone withdrew withdrawn overtook oversaw overseen says
    """
)

# "-ed" words that are not verbs.
NOT_PAST_TENSE = _set(
    """
    hundred bed red shed seed speed feed breed greed weed creed sled sacred naked wicked
    rugged kindred ragged need embed
    """
)

# Common verbs in their base form; "-s" forms are derived from these.
VERB_BASES = _set(
    """
    accelerate accept account achieve add adhere admit agree aim allow announce appear apply
    approve argue arrange arrive ask attend attract avoid become begin believe belong boost
    break bring build buy call carry cause change charge choose claim climb close come
    compete complete concern confirm connect consider consolidate contain continue
    contribute control coordinate cost count cover create cultivate cut deal decide decline
    deepen deliver demand deny depend describe design develop die do double drive drop earn
    ease employ empower enable encourage end enhance enjoy ensure enter establish estimate
    expand expect explain explore face fail fall feel fight find finish fly focus follow
    force forge form formulate gain get give go grasp grow guide happen have hear help hit
    hold hope host hurt implement improve include increase insist introduce invest issue join
    keep know lack launch lead learn leave let like live look lose maintain make manage mean
    meet miss move need note obtain occur offer open operate optimize order own participate
    pay plan play post prefer prepare present prevent produce promote protect prove provide
    pull push put raise reach read receive recommend reduce refuse reject release rely
    remain remember remove replace report represent require respond rest return reveal rise
    run save say see seek seem sell send serve set share show sign sit speak spend stabilize
    stand start stay stop strengthen strive struggle study succeed suggest supply support
    take talk tell tend think thrive try turn understand undertake unite use vote wait want
    warn watch win wish withdraw work worry write yield vary differ matter exist apply
    arise belong fit suit last cost sound look taste smell seem appear happen depend stay
    wait hurry relax enjoy listen sleep eat drink smile laugh cry agree disagree
    """
)

# Words that, right before a "-s" word, make it a plural noun rather than a verb.
NOUN_DETERMINERS = _set(
    """
    the a an these those many several some all both its their our his her my your no few
    various two three four five six seven eight nine ten dozens hundreds thousands millions
    """
)

# Words that, right before a base-form verb, make it a verb (infinitive, modal, subject).
VERB_LICENSORS = _set(
    """
    to will would can could should must may might shall do does did not never i we they you
    and also
    """
)

INTERJECTIONS = _set(
    """
    yes no thanks thank indeed exactly absolutely agreed correct right okay ok sure hello
    goodbye cheers congratulations welcome amen nonsense never please sorry
    """
)

# Intensifying repetition that English allows in "X and X" ("more and more").
REDUPLICATION_OK = _set(
    """
    more less again over on round through by up down out around back forth far near
    years months weeks days hours minutes miles decades centuries ages times
    """
)

# Doubled words English allows ("had had", "that that").
DOUBLING_OK = _set("had that is do")

# Words repeated for emphasis or in speech ("very, very", "no, no, no", "go, go").
EMPHATIC_REPEATS = _set(
    """
    very so no yes well go now oh ah ha okay ok sorry thanks please bye hello hi come wait
    again right never stop help run quick quickly really much many more far long wow hey
    """
)

# Words of a spoken line addressed to someone: a short line with one of these is dialogue
# ("Thank you for your help.", "Good morning, everyone.", "Me too."), not MT debris, which is a
# third-person noun phrase ("Solid foundation.").
CONVERSATIONAL = _set(
    """
    i you we me us my your yours mine ours please thank thanks hello hi hey dear sorry yes
    okay ok goodbye bye welcome congratulations cheers everyone everybody sir madam folks
    guys ladies gentlemen
    """
)

# First words of a short spoken line without a verb ("Good luck.", "Of course.", "Not at all.",
# "What a day.", "Happy birthday.", "Well done.").
CONVERSATIONAL_OPENERS = _set(
    "good of not what how no well happy merry nice great fine same such so too just all"
)

# Words that, right after a sentence's first word, show that word is an imperative verb
# ("Visit the website.", "Call me.", "Check your inbox.").
OBJECT_STARTERS = _set(
    """
    the a an your our my his her their this that these those it me us them him all some
    every each any
    """
)

# Endings of contracted verbs: "I'll", "we're", "they've", "I'm", "she'd", "let's".
CONTRACTED_VERBS = ("'ll", "'re", "'ve", "'m", "'d", "n't")
