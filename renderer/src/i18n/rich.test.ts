import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useLang } from './index';
import { tx } from './rich';

const html = (node: ReturnType<typeof tx>) => renderToStaticMarkup(createElement('p', null, node));
const mono = createElement('span', { className: 'font-mono' }, '@3');

describe('messages with elements in their placeholders', () => {
  afterEach(() => useLang.getState().setLang('en'));

  it('puts the element where the language puts the placeholder', () => {
    expect(html(tx('train.registered', { version: mono }))).toBe(
      '<p>Registered as candidate <span class="font-mono">@3</span>: evaluate it in the registry below before promoting.</p>',
    );
    useLang.getState().setLang('hi');
    expect(html(tx('train.registered', { version: mono }))).toMatch(
      /^<p>कैंडिडेट <span class="font-mono">@3<\/span> के रूप में/,
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(html(tx('registry.versionLine', { origin: 'trained', task: 'regression', target: 'rate' }))).toBe(
      '<p>trained · regression on rate · created {created}</p>',
    );
  });
});
