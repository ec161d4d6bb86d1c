"""Write ``seeds/glossary.csv``, the starter glossary for the seed texts, through ``write_csv``.

    .venv/bin/python tests/glossary/terms/build_seed_glossary.py

Forbidden variants are renderings that occur in the seed MT (checked by the seed tests);
preferred terms follow the issuing bodies' own English where one exists (MIIT, NBS, NDRC,
the CPC's official translations). Plural forms are listed as variants because matching is
literal: "individual champions" is not "individual champion" followed by a boundary.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.terms.formats import write_csv  # noqa: E402
from glossary.terms.records import ConceptRecord as C  # noqa: E402

SEED_GLOSSARY = ROOT / "seeds" / "glossary.csv"

SME, IND, GOV, DIG, STAT, UNIT = (
    "SME policy",
    "industrial policy",
    "government bodies",
    "digital infrastructure",
    "statistics",
    "units and currency",
)

CONCEPTS = [
    C(
        "specialized, refined, distinctive and innovative",
        source="专精特新",
        definition="MIIT's four criteria for high-quality small and medium-sized enterprises: specialized in a "
        "niche, refined management, distinctive products, innovative technology. Certified at provincial level; "
        "the national top tier are the 'little giants'.",
        note="Use as a modifier: 'specialized, refined, distinctive and innovative SMEs'. Abbreviation SRDI.",
        domain=SME,
        part_of_speech="adjective",
        label="TERM",
        admitted=["SRDI"],
        forbidden=[
            "specialized, special and new",
            "Specialized, Specialized, Special and New",
            "specialization, specialization and innovation",
            "specialized and new",
        ],
    ),
    C(
        "integration of informatization and industrialization",
        source="两化融合",
        definition="The deep integration of information technology with industry (信息化和工业化深度融合), a standing "
        "MIIT programme with its own development index and management-system standard.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=[
            "integration of IT application and industrialization",
            "informatization-industrialization integration",
        ],
        forbidden=["integration of informatization and informatization"],
    ),
    C(
        "mu",
        source="亩",
        definition="Chinese unit of land area: 1 mu = 666.7 square metres = 1/15 hectare (about 0.165 acre).",
        note="Plural 'mu'. Never convert to acres: '4,260 acres' for 4,260 mu overstates the land about sixfold.",
        domain=UNIT,
        part_of_speech="noun",
        label="QUANTITY",
        forbidden=["acres", "acre"],
    ),
    C(
        "single champion",
        source="单项冠军",
        definition="Short form of MIIT's 'manufacturing single champion' (制造业单项冠军): an enterprise that leads "
        "the world market in one narrow product line; also certified at provincial level.",
        note="'single champion enterprises'; plural 'single champions'.",
        domain=SME,
        part_of_speech="noun",
        label="TERM",
        admitted=["single champions"],
        forbidden=["individual champion", "individual champions"],
    ),
    C(
        "manufacturing single champion",
        source="制造业单项冠军",
        definition="MIIT's official English for 制造业单项冠军企业: a manufacturer that has long focused on one "
        "specific product and ranks at the top of the global market for it.",
        domain=SME,
        part_of_speech="noun",
        label="TERM",
        admitted=[
            "manufacturing single champions",
            "single champion in manufacturing",
            "single champions in manufacturing",
        ],
        forbidden=[
            "individual manufacturing champion",
            "individual manufacturing champions",
            "manufacturing individual champion",
            "manufacturing individual champions",
            "individual champion in the manufacturing industry",
            "individual champions in the manufacturing industry",
        ],
    ),
    C(
        "enterprises above designated size",
        source="规模以上企业",
        definition="NBS statistical scope: enterprises above the revenue threshold set for their sector, which "
        "report to the statistics authorities monthly.",
        note="'above designated size' alone qualifies other units too: 'manufacturing industry above designated size'.",
        domain=STAT,
        part_of_speech="noun",
        label="TERM",
        admitted=[
            "enterprise above designated size",
            "above-designated-size enterprises",
            "above designated size",
        ],
    ),
    C(
        "industrial enterprises above designated size",
        source="规模以上工业企业",
        definition="Industrial enterprises with annual main business revenue of 20 million yuan or more "
        "(the NBS threshold since 2011); the basis of monthly industrial statistics.",
        domain=STAT,
        part_of_speech="noun",
        label="TERM",
        admitted=["industrial enterprise above designated size"],
    ),
    C(
        "little giant",
        source="小巨人",
        definition="National-level 'specialized, refined, distinctive and innovative' SMEs certified by MIIT "
        "(专精特新“小巨人”企业), the top tier of the SME cultivation ladder.",
        note="Usually quoted: 'little giant' enterprises.",
        domain=SME,
        part_of_speech="noun",
        label="TERM",
        admitted=["little giants"],
    ),
    C(
        "gazelle enterprise",
        source="瞪羚企业",
        definition="A fast-growing young enterprise (typically several years of high revenue growth) certified "
        "under provincial or municipal gazelle programmes.",
        domain=SME,
        part_of_speech="noun",
        label="TERM",
        admitted=["gazelle enterprises", "gazelle company", "gazelle companies", "gazelles"],
    ),
    C(
        "dual gigabit",
        source="双千兆",
        definition="Gigabit fixed broadband (fibre, 10G-PON) together with gigabit-class 5G mobile networks; "
        "MIIT's 2021 'Dual Gigabit' network action plan.",
        domain=DIG,
        part_of_speech="adjective",
        label="TERM",
        admitted=["dual-gigabit"],
    ),
    C(
        "Gigabit City",
        source="千兆城市",
        definition="MIIT designation for cities that meet the gigabit broadband and 5G coverage indicators.",
        domain=DIG,
        part_of_speech="noun",
        label="POLICY",
        admitted=["Gigabit Cities"],
    ),
    C(
        "new infrastructure",
        source="新基建",
        definition="New-type infrastructure (新型基础设施): 5G, data centres, industrial internet, AI and other "
        "digital and intelligent infrastructure promoted since 2020.",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
        admitted=["new-type infrastructure"],
    ),
    C(
        "Ministry of Industry and Information Technology",
        source="工业和信息化部",
        definition="The State Council ministry for industry, telecommunications and the information industry.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["MIIT"],
    ),
    C(
        "Department of Industry and Information Technology of Ningxia Hui Autonomous Region",
        source="宁夏回族自治区工业和信息化厅",
        definition="Ningxia's regional counterpart of MIIT; author of the first seed text.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["Ningxia Department of Industry and Information Technology"],
    ),
    C(
        "Jining Municipal Bureau of Industry and Information Technology",
        source="济宁市工业和信息化局",
        definition="The industry and information technology bureau of Jining, Shandong province.",
        note="In Jining texts 'Municipal Bureau of Industry and Information Technology' is fine after first mention.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["Municipal Bureau of Industry and Information Technology"],
        forbidden=[
            "Municipal Industry and Information Technology Bureau",
            "City Industry and Information Technology Bureau",
        ],
    ),
    C(
        "Publicity Department of the CPC Jining Municipal Committee",
        source="中共济宁市委宣传部",
        definition="The publicity department of the Jining committee of the Communist Party of China.",
        note="The CPC's own English for 宣传部 is 'Publicity Department', not 'Propaganda Department'.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=[
            "Publicity Department of the Jining Municipal Committee of the Communist Party of China"
        ],
        forbidden=[
            "Propaganda Department of the Jining Municipal Committee of the Communist Party of China",
            "Propaganda Department of the Municipal Party Committee",
        ],
    ),
    C(
        "Department of Finance of Ningxia Hui Autonomous Region",
        source="宁夏回族自治区财政厅",
        definition="Ningxia's regional finance department.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["Department of Finance of the Autonomous Region"],
    ),
    C(
        "People's Bank of China",
        source="中国人民银行",
        definition="China's central bank.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["PBOC"],
    ),
    C(
        "Beijing Stock Exchange",
        source="北京证券交易所",
        definition="Stock exchange opened in 2021 for innovative small and medium-sized enterprises.",
        domain="finance",
        part_of_speech="proper noun",
        label="ORG",
    ),
    C(
        "CPC Central Committee",
        source="党中央",
        definition="The Central Committee of the Communist Party of China.",
        domain=GOV,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["Party Central Committee", "Central Committee of the Communist Party of China"],
    ),
    C(
        "Ningxia Hui Autonomous Region",
        source="宁夏回族自治区",
        definition="Provincial-level autonomous region in north-west China; capital Yinchuan.",
        domain="places",
        part_of_speech="proper noun",
        label="GPE",
    ),
    C(
        "East Data, West Computing",
        source="东数西算",
        definition="National project (2022) to build data centres in the energy-rich west, Ningxia among them, "
        "to process data generated in the east.",
        domain=DIG,
        part_of_speech="proper noun",
        label="POLICY",
        admitted=["Eastern Data and Western Computing"],
    ),
    C(
        "national integrated computing power network",
        source="全国一体化算力网络",
        definition="The nationwide network of data-centre clusters and hub nodes behind 'East Data, West Computing'.",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
        admitted=["National Integrated Computing Network"],
    ),
    C(
        "national hub node",
        source="国家枢纽节点",
        definition="One of the eight national computing hubs of the integrated computing power network "
        "(Ningxia's is centred on Zhongwei).",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
        admitted=["national hub nodes"],
    ),
    C(
        "six emerging, six specialty and six advantageous industries",
        source="六新六特六优",
        definition="Ningxia's priority industries since 2022: six emerging industries (e.g. new materials, clean "
        "energy, digital information), six specialty agricultural industries (e.g. wine, wolfberry) and six "
        "advantageous service industries (e.g. cultural tourism, modern logistics).",
        domain="regional policy",
        part_of_speech="noun",
        label="POLICY",
        forbidden=["six new, six special and six excellent"],
    ),
    C(
        "carbon peaking and carbon neutrality",
        source="碳达峰碳中和",
        definition="China's goals of peaking CO2 emissions before 2030 and reaching carbon neutrality before 2060.",
        domain="energy and climate",
        part_of_speech="noun",
        label="POLICY",
        admitted=["carbon peak and carbon neutrality", "dual carbon goals"],
    ),
    C(
        "National (Zhongwei) New Internet Exchange Center",
        source="国家（中卫）新型互联网交换中心",
        definition="The national new-type internet exchange point in Zhongwei, Ningxia, approved by MIIT in 2022.",
        domain=DIG,
        part_of_speech="proper noun",
        label="ORG",
        admitted=["National New Internet Exchange Center"],
    ),
    C(
        "digital economy",
        source="数字经济",
        definition="Economic activity built on digital data and networks; its 'core industries' are a statistical category.",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
    ),
    C(
        "industrial Internet",
        source="工业互联网",
        definition="Networks and platforms connecting industrial equipment, systems and people (China's "
        "counterpart of the industrial internet of things).",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
    ),
    C(
        "digital information industry",
        source="数字信息产业",
        definition="Ningxia's grouping of electronic information manufacturing, software and IT services and "
        "communication services.",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
    ),
    C(
        "private economy",
        source="民营经济",
        definition="The privately owned part of the economy.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=["private sector"],
    ),
    C(
        "non-public sector of the economy",
        source="非公有制经济",
        definition="Everything outside state and collective ownership: private, individual and foreign-funded business.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=["non-public economy"],
    ),
    C(
        "small and medium-sized enterprises",
        source="中小企业",
        definition="Enterprises below the size thresholds of the national SME classification standard.",
        domain=SME,
        part_of_speech="noun",
        label="TERM",
        admitted=["SMEs", "small and medium-sized enterprise", "small and medium enterprises"],
    ),
    C(
        "high-tech enterprise",
        source="高新技术企业",
        definition="An enterprise certified under the national high and new technology enterprise scheme "
        "(reduced 15% income tax).",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=["high-tech enterprises", "national high-tech enterprise"],
    ),
    C(
        "chain leader enterprise",
        source="链主企业",
        definition="The lead enterprise of an industrial chain, expected to pull its suppliers and customers along.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=["chain leader enterprises"],
        forbidden=["Chain Master", "chain owner", "chain owners"],
    ),
    C(
        "national new-type industrialization industry demonstration base",
        source="国家新型工业化产业示范基地",
        definition="MIIT-designated industrial bases showcasing new-type industrialization; rated up to five stars.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
        admitted=["national new industrialization industry demonstration base"],
        forbidden=["National New Industrialized Industry Demonstration Base"],
    ),
    C(
        "Data Management Capability Maturity Assessment Model",
        source="数据管理能力成熟度评估模型",
        definition="National standard GB/T 36073-2018 (DCMM) for assessing an organisation's data management capability.",
        domain=DIG,
        part_of_speech="proper noun",
        label="TERM",
        admitted=["DCMM"],
        forbidden=["Data Management Maturity Assessment Model"],
    ),
    C(
        "industrial value added",
        source="工业增加值",
        definition="Gross output of industry minus intermediate inputs; growth rates are reported at comparable prices.",
        domain=STAT,
        part_of_speech="noun",
        label="TERM",
        admitted=["industrial added value", "value added of industry"],
    ),
    C(
        "high-quality development",
        source="高质量发展",
        definition="The policy goal, since 2017, of growth led by quality and efficiency rather than speed.",
        domain=IND,
        part_of_speech="noun",
        label="TERM",
    ),
    C(
        "5G base station",
        source="5G基站",
        definition="A radio base station of a 5G mobile network.",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
        admitted=["5G base stations"],
    ),
    C(
        "gigabit optical network",
        source="千兆光网",
        definition="Fibre access network offering gigabit broadband (10G-PON and above).",
        domain=DIG,
        part_of_speech="noun",
        label="TERM",
        admitted=["gigabit optical networks"],
    ),
    C(
        "yuan",
        source="元",
        definition="The unit of China's currency, the renminbi (RMB).",
        note="Amounts: '45.080 billion yuan'; 亿元 is 100 million yuan.",
        domain=UNIT,
        part_of_speech="noun",
        label="MONEY",
    ),
]


def main() -> None:
    SEED_GLOSSARY.write_text(write_csv(CONCEPTS), encoding="utf-8", newline="")
    print(f"wrote {len(CONCEPTS)} concepts to {SEED_GLOSSARY.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
