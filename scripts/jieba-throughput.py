#!/usr/bin/env python3
"""MB of UTF-8 input per CPU second for jieba's default (accurate, HMM) mode over FILE, one line at a time.

Usage: scripts/jieba-throughput.py FILE
"""
import sys
import time

import jieba

jieba.setLogLevel(60)
jieba.initialize()
with open(sys.argv[1], encoding="utf-8") as source:
    lines = source.read().split("\n")
size = sum(len(line.encode("utf-8")) + 1 for line in lines)
tokens = 0
start = time.process_time()
for line in lines:
    for _ in jieba.cut(line):
        tokens += 1
seconds = time.process_time() - start
print(f"jieba_mb_s {size / 1e6 / seconds:.2f} tokens {tokens}")
