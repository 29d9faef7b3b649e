"""Build relevance_articles.json from Chinese seed texts (run by hand, kept for the record).

    python build_collection.py SEED.txt... > relevance_articles.json

Each seed is cut into articles of 150 to 350 characters at paragraph and sentence
ends, page furniture (uploader, page numbers, "点击查看更多") dropped; the title is the
first short line of a section, else the article's first clause.  Every fourth article
is converted to traditional script (OpenCC s2t); seeds already in traditional script
stay so.
"""

import json
import re
import sys

import opencc_purepy

NOISE = re.compile(
    r"上传人|文档编号|上传时间|第\d+页|第\d+頁|共\d+页|点击查看更多|资源描述|由会员分享|"
    r"返回 下载|当前位置|文档之家|下载文档|金锄头文库|本文档|版权|举报"
)
SENTENCE_END = re.compile(r"(?<=[。！？；;!?])")


def clean_lines(text):
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) < 4 or NOISE.search(line):
            continue
        yield line


def cut(text):
    pieces, current, title = [], "", None
    for line in clean_lines(text):
        if len(line) <= 30 and not SENTENCE_END.search(line[:-1]):
            if len(current) >= 150:
                pieces.append((title, current))
                current = ""
            title = line.strip("《》【】 ")
            continue
        for sentence in SENTENCE_END.split(line):
            if not sentence:
                continue
            current += sentence
            if len(current) >= 310 or (
                len(current) >= 150 and sentence[-1:] in "。！？"
            ):
                pieces.append((title, current))
                current = ""
    if len(current) >= 120:
        pieces.append((title, current))
    return pieces


GENERIC_HEADINGS = ("文档简介", "文檔簡介", "温馨提示", "溫馨提示", "---")


def make_title(title, body, document):
    first = re.split(r"[。，,！？；;:：]", body, maxsplit=1)[0]
    first = re.sub(r"^[\d\s、.．()（）一二三四五六七八九十]+", "", first)[:24]
    if title and title != document and not title.startswith(GENERIC_HEADINGS):
        return title[:40] if title in body[:40] else f"{title}：{first}"[:40]
    return first or (title or "")[:40]


def main(paths):
    s2t = opencc_purepy.OpenCC("s2t")
    articles = []
    for path in paths:
        with open(path, encoding="utf-8") as seed:
            text = seed.read()
            document = next(clean_lines(text), "").strip("《》【】 ")
            for title, body in cut(text):
                name = make_title(title, body, document)
                if len(articles) % 4 == 3:
                    name, body = s2t.convert(name), s2t.convert(body)
                articles.append(
                    {"key": f"a{len(articles):03d}", "name": name, "body": body}
                )
    json.dump(articles, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
