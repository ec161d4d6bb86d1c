"""Pure text handling for Redline: no Django here, only strings in and plain data out.

segment  -- sentence segments that reassemble byte-for-byte
offsets  -- spans carried through edits, merges and splits
diff     -- word-level diffs for history and conflict views
metrics  -- TER/HTER, matching sacrebleu's tercom implementation
"""
