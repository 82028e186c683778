#!/usr/bin/env python3
"""Seed inputs for the fuzz targets of tests/fuzz, made from the repository's own test data.

    python3 tests/fuzz/make_seeds.py [--max N] OUTDIR [TARGET...]

writes OUTDIR/<target>/<sha1 of the input> for each target named (default: all of them).
--max N keeps N of a target's seeds, evenly spread over them in a fixed order, so that a short
run (CI's: docs/fuzzing.md, "In CI") starts from the same few inputs every time. The script
reads only files of this repository and writes only under OUTDIR.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))


def read(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return f.read()


def tck_queries():
    """Every query of the openCypher TCK, Scenario Outline placeholders filled with each table
    cell (at most 50 variants of a query)."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'tests/tck/features/**/*.feature'), recursive=True)):
        text = open(path, encoding='utf-8').read()
        cells = [c.strip() for line in text.split('\n') if line.strip().startswith('|')
                 for c in re.split(r'(?<!\\)\|', line.strip())[1:-1]]
        for q in re.findall(r'"""\n(.*?)\n\s*"""', text, re.S):
            q = '\n'.join(line.strip() for line in q.split('\n'))
            names = sorted(set(re.findall(r'<(\w+)>', q)))
            out.append(q)
            out.extend([q.replace('<' + n + '>', c) for n in names for c in cells][:50])
    return out


def doc_cypher_blocks():
    """The statements of every ```cypher block of docs/query-language.md."""
    return re.findall(r'```cypher\n(.*?)```', read('docs/query-language.md'), re.S)


def pg_parser():
    suite = 'tests/load/pg-test-suite'
    out = []
    for case in json.loads(read(f'{suite}/pg-format-valid.json')):
        out.append(case['pg'])
        if 'graph' in case:
            out.append(json.dumps(case['graph']))
    out.extend(json.loads(read(f'{suite}/pg-format-invalid.json')))
    for path in sorted(glob.glob(os.path.join(ROOT, suite, 'examples', '*'))):
        data = open(path, 'rb').read()
        out.append(data)
        if path.endswith('.json'):
            graph = json.loads(data)
            out.append(''.join(json.dumps(dict(n, type='node')) + '\n' for n in graph.get('nodes', [])) +
                       ''.join(json.dumps(dict(e, type='edge')) + '\n' for e in graph.get('edges', [])))
    return out


def cypher_parser():
    return tck_queries() + doc_cypher_blocks()


def statement():
    return doc_cypher_blocks() + tck_queries()


def completer():
    # What is typed before Tab: statements cut anywhere, and the meta-commands.
    out = [':', ':he', ':help :pa', ':param x ', ':format ', ':quit']
    for q in doc_cypher_blocks() + tck_queries()[::20]:
        out.extend(q[:n] for n in sorted({len(q) // 3, len(q) // 2, len(q) - 1, len(q)}) if n > 0)
    return out


def schema():
    text = read('data/schema.pg')
    out = [text] + re.split(r'\n(?=(?:label|type):)', text)
    out += [
        'label: Service\nprop.id: STRING!\n',
        'label: Service\nprop.id: STRING!\nprop.tier: INTEGER\nvalues.tier: [1, 2, 3]\n',
        'type: FITS\nfrom: Service\nto: UseCase\nprop.score: FLOAT\n',
        'label: \nprop.id: STRING!\n',
        'label: A\nprop.x: NOT_A_TYPE\n',
        'type: T\nfrom: Nowhere\n',
        'label: A\nprop.l: LIST<STRING>\nlabel: A\n',
    ]
    return out


def fulltext_query():
    text = read('docs/query-language.md')
    table = text[text.index('The search text is a subset'):]
    out = re.findall(r'^\| `([^`]+)` \|', table, re.M)
    out += ['kinesis', '"real time" stream* -kinesis', 'kinesis AND (streams', '-x', 'field:term',
            'a~2', 'a^3', '[a TO b]', 'x*y', '"say \\"hi\\""', '\\+x', 'a b AND c', 'NOT', '&& ||', '""']
    # Deep ones, which mutations alone reach slowly (docs/fuzzing.md says why).
    out += ['(' * 3000 + 'x', '(x ' * 70 + ')' * 70, ' AND '.join(['w'] * 500),
            '"' + ' '.join(['word'] * 1100) + '"', '(x OR (y AND (z -w))' * 40, '-(a (b ' * 40]
    return out


def extract_strings(source):
    """The strings of a C++ file: raw strings R"(...)", and runs of adjacent "..." literals joined,
    with their escapes decoded."""
    out = re.findall(r'R"\((.*?)\)"', source, re.S)
    for run in re.finditer(r'"(?:[^"\\\n]|\\.)*"(?:\s*"(?:[^"\\\n]|\\.)*")*', re.sub(r'R"\(.*?\)"', '', source, flags=re.S)):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', run.group(0))
        joined = ''.join(parts)
        try:
            out.append(joined.encode('latin-1', 'backslashreplace').decode('unicode_escape').encode('latin-1').decode(
                'utf-8', 'surrogateescape'))
        except (UnicodeDecodeError, UnicodeEncodeError):
            out.append(joined)
    return out


def importer():
    # The documents of the readers' own tests.
    csv = [s for s in extract_strings(read('tests/load/neo4j_csv_reader_test.cpp')) if ':ID' in s or ':START_ID' in s]
    graphml = [s for s in extract_strings(read('tests/load/graphml_reader_test.cpp')) if '<' in s]
    return csv + graphml


def param():
    # --param NAME=LITERAL as docs/cli.md writes it, literals of every type, and errors.
    return ["t='t1.1'", 'n=3', "ids=['s3', 'glue']", "names=['a', 'b']", '$x=1', 'n = 3', 'n=', '=3', 'n',
            'a b=1', "`odd name`='v'", 'f=1.5', 'f=-0.0', 'f=1e308', 'f=1e309', 'f=4.9e-324', 'big=9223372036854775807',
            'big=-9223372036854775808', 'big=9223372036854775808', 'h=0x7fffffffffffffff', 'o=0o17', 'b=true',
            'b=FALSE', 'z=null', "s='it\\'s'", 's="dq \\"x\\""', "s='\\u00e9\\U0001F600'", "s='\\uD800'",
            "m={a: 1, `b c`: [1, 2.5, 'x', null], d: {e: []}}", "l=[[[[]]]]", 'l=[1, [2, [3, {k: [4]}]]]',
            "x=n.name", 'x=1 + 2', "x=['unclosed'", "x={a: }", "x='\\x'", "x=$other", "x= /* c */ 1 // end"]


TARGETS = {
    'pg_parser': pg_parser,
    'cypher_parser': cypher_parser,
    'schema': schema,
    'fulltext_query': fulltext_query,
    'completer': completer,
    'statement': statement,
    'importer': importer,
    'param': param,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--max', type=int, default=0, help="keep this many of each target's seeds (0: all)")
    parser.add_argument('outdir')
    parser.add_argument('targets', nargs='*', help='default: ' + ' '.join(TARGETS))
    args = parser.parse_args()
    for target in args.targets or TARGETS:
        if target not in TARGETS:
            sys.exit(f'make_seeds.py: no target {target} (choose from {" ".join(TARGETS)})')
        seeds, seen = [], set()
        for s in TARGETS[target]():
            data = s if isinstance(s, bytes) else s.encode('utf-8', 'surrogateescape')
            if data not in seen:
                seen.add(data)
                seeds.append(data)
        if args.max and len(seeds) > args.max:
            seeds = [seeds[i * len(seeds) // args.max] for i in range(args.max)]
        out = os.path.join(args.outdir, target)
        os.makedirs(out, exist_ok=True)
        for old in os.listdir(out):
            os.remove(os.path.join(out, old))
        for data in seeds:
            with open(os.path.join(out, hashlib.sha1(data).hexdigest()), 'wb') as f:
                f.write(data)
        print(f'{target}: {len(seeds)} seeds in {out}')


if __name__ == '__main__':
    main()
