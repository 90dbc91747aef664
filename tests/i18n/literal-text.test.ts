import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every user-visible word of the interface comes from the message catalogue: this finds English
 * text written straight into the components — JSX text, text-bearing attributes (title,
 * aria-label, placeholder, alt, label) and string literals placed directly in JSX expressions
 * (including either branch of a condition). Identifiers, units and symbols alone are not words.
 */
const ROOT = join(__dirname, '../../renderer/src');
const TEXT_ATTRS = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description']);
// Two or more Latin letters in a row: a word. Single letters (t, h, ₹ units) are not flagged.
const WORD = /[A-Za-z]{2,}/;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(p);
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [p] : [];
  });
}

// Operators whose result is a boolean: their operands (`tab === 'rakes' && …`) are never shown.
const COMPARISONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
]);

/** Literal strings reachable from a JSX expression without passing through a call (t(...)). */
function literalsIn(node: ts.Node, out: ts.Node[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node);
  else if (ts.isTemplateExpression(node)) {
    out.push(node.head);
    for (const s of node.templateSpans) {
      out.push(s.literal);
      literalsIn(s.expression, out);
    }
  } else if (ts.isConditionalExpression(node)) {
    literalsIn(node.whenTrue, out);
    literalsIn(node.whenFalse, out);
  } else if (ts.isBinaryExpression(node)) {
    if (COMPARISONS.has(node.operatorToken.kind)) return;
    literalsIn(node.left, out);
    literalsIn(node.right, out);
  } else if (ts.isParenthesizedExpression(node)) literalsIn(node.expression, out);
}

export function literalText(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const report = (n: ts.Node, text: string) => {
    if (WORD.test(text)) found.push(`${file}:${line(n)} ${JSON.stringify(text.trim().slice(0, 60))}`);
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) report(n, n.text);
    else if (ts.isJsxAttribute(n) && n.initializer) {
      const name = n.name.getText(sf);
      if (TEXT_ATTRS.has(name)) {
        if (ts.isStringLiteral(n.initializer)) report(n, n.initializer.text);
        else if (ts.isJsxExpression(n.initializer) && n.initializer.expression) {
          const lits: ts.Node[] = [];
          literalsIn(n.initializer.expression, lits);
          for (const l of lits) report(l, (l as ts.LiteralLikeNode).text);
        }
      }
    } else if (ts.isJsxExpression(n) && n.expression && !ts.isJsxAttribute(n.parent)) {
      const lits: ts.Node[] = [];
      literalsIn(n.expression, lits);
      for (const l of lits) report(l, (l as ts.LiteralLikeNode).text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('interface text comes from the message catalogue', () => {
  it('finds literal words in JSX, text attributes and literal branches, not in t() calls', () => {
    const src = `const A = () => (<div title="Open plan" className="px-2 text-sm">
      Hello {t('x')} {ok ? 'Yes' : t('no')} <b aria-label={t('y')}>{n} t</b>
      {tab === 'rakes' && <i>{t('z')}</i>} {tab !== 'road' ? t('a') : 'Road ' + n}
      {(s !== 'done' || 'Busy') && 1}</div>);`;
    const hits = literalText('a.tsx', src);
    expect(hits).toHaveLength(5);
    expect(hits.join('\n')).toMatch(/"Road"/);
    expect(hits.join('\n')).toMatch(/"Busy"/);
    expect(hits.join('\n')).not.toMatch(/"rakes"|"road"|"done"/);
    expect(hits.join('\n')).toMatch(/"Open plan"/);
    expect(hits.join('\n')).toMatch(/"Hello"/);
    expect(hits.join('\n')).toMatch(/"Yes"/);
  });

  it('no component writes English words outside the catalogue', () => {
    const hits = tsxFiles(ROOT).flatMap((f) => literalText(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(hits, hits.join('\n')).toEqual([]);
  });
});
