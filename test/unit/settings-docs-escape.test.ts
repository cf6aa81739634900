// `oep45 settings docs` in Markdown shows what a settings module's comments say as text: HTML,
// links and images from a repository are never markup, its code spans and paragraphs stay.

import { describe, expect, it } from 'vitest';
import { loadSettingsModel } from '../../src/settings/model.js';
import { renderSettingsDocs } from '../../src/settings/docs.js';

const files: Record<string, string> = {
  's/__init__.py': '',
  's/required.py': '',
  's/defaults.py': [
    '# .. setting_name: GREETING',
    "# .. setting_default: '<img src=x onerror=alert(1)>'",
    '# .. setting_description: Shown to ``<b>users</b>`` <script>alert(1)</script>',
    '#   and a [link](javascript:alert(1)) ![img](https://evil.example/x.png).',
    "GREETING = '<img src=x onerror=alert(1)>'",
    '',
  ].join('\n'),
};

const md = (): string =>
  renderSettingsDocs(loadSettingsModel({ read: (rel) => files[rel], list: (dir) => Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1)).sort() }, 's'), { name: 'svc<i>', appName: 'SVC' }, 'md');

describe('settings docs in Markdown', () => {
  it('shows HTML, links and images from the comments as text', () => {
    const text = md();
    expect(text).toContain('GREETING');
    // Outside code spans (where nothing is read as HTML), no tag.
    const outside = text.replace(/(`+)[^`].*?\1/g, '');
    expect(outside).not.toMatch(/<(img|script|i|b)\b/);
    expect(text).not.toMatch(/(?<!\\)\[link\]\(/);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('# svc&lt;i&gt; settings');
  });
  it('keeps code spans as written: HTML in them is not read', () => {
    const text = md();
    expect(text).toContain("`'<img src=x onerror=alert(1)>'`");
    expect(text).toContain('`<b>users</b>`');
  });
});
