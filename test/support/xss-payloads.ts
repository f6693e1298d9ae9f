/**
 * Cross-site scripting payloads, classic and modern, for the end-to-end XSS test
 * (test/e2e/xss.test.ts) and the robustness report that counts them.
 *
 * Each payload, should it ever run, calls `__xss(<its id>)` — a function the test exposes on every
 * page — so a payload that runs names itself. Each also names the naive rendering it is made to
 * break (`context`): the test renders every payload that way on purpose, in a page of its own, and
 * checks that it is caught there — a payload that could not be caught anywhere would prove nothing.
 */

/** The unsafe renderings the payloads are made for: how a careless widget could have shown a text. */
export type XssContext =
  /** `element.innerHTML = text` */
  | 'html'
  /** `innerHTML = text` after `<script>` and `</script>` are removed once */
  | 'filtered-once'
  /** `innerHTML = '<div title="' + text + '">'` */
  | 'attribute-double'
  /** `innerHTML = "<div title='" + text + "'>"` */
  | 'attribute-single'
  /** `innerHTML = '<img src=' + text + '>'` */
  | 'attribute-unquoted'
  /** `innerHTML = '<a href="' + text + '">'` */
  | 'url'
  /** `innerHTML = '<textarea>' + text + '</textarea>'` */
  | 'textarea'
  /** `innerHTML = '<title>' + text + '</title>'` */
  | 'title'
  /** `innerHTML = '<style>' + text + '</style>'` */
  | 'style'
  /** `innerHTML = '<!-- ' + text + ' -->'` */
  | 'comment'
  /** `innerHTML = '<svg><![CDATA[' + text + ']]></svg>'` */
  | 'cdata'
  /** `innerHTML = '<noscript>' + text + '</noscript>'`, or a noscript's attribute inside `html` */
  | 'script-block'
  /** `script.textContent = 'var x = "' + text + '"'` */
  | 'js-string-double'
  /** `script.textContent = "var x = '" + text + "'"` */
  | 'js-string-single'
  /** the same, with `"` escaped as `\"` and backslashes left alone */
  | 'js-string-escaped'
  /** `new Function('return `' + text + '`')()` */
  | 'template-literal'
  /** a home-made `{{ expression }}` template, evaluated */
  | 'client-template'
  /** `innerHTML = JSON.parse('"' + text + '"')`: \u escapes decoded, then parsed as HTML */
  | 'unicode-unescaped'
  /** entities decoded once (`&lt;` → `<`), then parsed as HTML */
  | 'entity-decoded'
  /** `innerHTML = decodeURIComponent(text)` */
  | 'url-decoded'
  /** `innerHTML = text.normalize('NFKC')`: full-width ＜ becomes < */
  | 'nfkc'
  /** `eval(text)`, `setTimeout(text)`: a Trusted Types script sink */
  | 'eval'
  /** `script.src = text`: a Trusted Types script URL sink */
  | 'script-url'
  /** a safe Markdown subset's link `[text](url)` turned into `<a href>` unchecked */
  | 'markdown-link';

export interface XssPayload {
  id: number;
  /** What kind of attack it is, for the report. */
  family: 'script tag' | 'event handler' | 'javascript: URL' | 'SVG/MathML' | 'attribute breakout' | 'element breakout'
    | 'template literal' | 'Unicode and encodings' | 'Trusted Types sink' | 'Markdown link' | 'mutation XSS';
  context: XssContext;
  text: string;
}

const raw: [XssPayload['family'], XssContext, (call: string) => string][] = [
  // Script tags.
  ['script tag', 'html', (x) => `<script>${x}</script>`],
  ['script tag', 'html', (x) => `<SCRIPT SRC=data:text/javascript,${x}></SCRIPT>`],
  ['script tag', 'filtered-once', (x) => `<scr<script>ipt>${x}</scr</script>ipt>`],
  // Event handlers.
  ['event handler', 'html', (x) => `<img src=x onerror=${x}>`],
  ['event handler', 'html', (x) => `<img src="x" onerror="${x}">`],
  ['event handler', 'html', (x) => `<details open ontoggle=${x}>`],
  ['event handler', 'html', (x) => `<input autofocus onfocus=${x}>`],
  ['event handler', 'html', (x) => `<video><source onerror=${x}></video>`],
  ['event handler', 'html', (x) => `<style onload=${x}></style>`],
  ['event handler', 'html', (x) => `<div onmouseover=${x}>hover</div>`],
  ['event handler', 'html', (x) => `<body onload=${x}><img src=x onerror=${x}>`],
  // javascript: URLs.
  ['javascript: URL', 'html', (x) => `<a href="javascript:${x}">klicka</a>`],
  ['javascript: URL', 'html', (x) => `<a href="&#106;avascript:${x}">klicka</a>`],
  ['javascript: URL', 'html', (x) => `<a href="javascript&colon;${x}">klicka</a>`],
  ['javascript: URL', 'html', (x) => `<iframe src="javascript:parent.${x}"></iframe>`],
  ['javascript: URL', 'html', (x) => `<form><button formaction=javascript:${x}>skicka</button></form>`],
  ['javascript: URL', 'html', (x) => `<object data="javascript:${x}"></object>`],
  ['javascript: URL', 'url', (x) => `javascript:${x}`],
  ['javascript: URL', 'url', (x) => `JaVaScRiPt:${x}`],
  ['javascript: URL', 'url', (x) => `java\tscript:${x}`],
  ['javascript: URL', 'url', (x) => `data:text/html,<script>parent.${x}</script>`],
  // SVG and MathML.
  ['SVG/MathML', 'html', (x) => `<svg onload=${x}>`],
  ['SVG/MathML', 'html', (x) => `<svg><script>${x}</script></svg>`],
  ['SVG/MathML', 'html', (x) => `<svg><animate onbegin=${x} attributeName=x dur=1s>`],
  ['SVG/MathML', 'html', (x) => `<svg><a xlink:href="javascript:${x}"><text y="20">klicka</text></a></svg>`],
  ['SVG/MathML', 'html', (x) => `<math><maction actiontype="statusline" xlink:href="javascript:${x}">klicka</maction></math>`],
  ['mutation XSS', 'html', (x) => `<svg></p><style><a id="</style><img src=x onerror=${x}>">`],
  ['mutation XSS', 'html', (x) => `<noscript><p title="</noscript><img src=x onerror=${x}>">`],
  // Attribute breakouts.
  ['attribute breakout', 'attribute-double', (x) => `"><img src=x onerror=${x}>`],
  ['attribute breakout', 'attribute-double', (x) => `" onmouseover="${x}" x="`],
  ['attribute breakout', 'attribute-single', (x) => `' onfocus='${x}' autofocus x='`],
  ['attribute breakout', 'attribute-unquoted', (x) => `x onerror=${x}`],
  // Breaking out of elements whose content is not parsed as HTML.
  ['element breakout', 'textarea', (x) => `</textarea><img src=x onerror=${x}>`],
  ['element breakout', 'title', (x) => `</title><img src=x onerror=${x}>`],
  ['element breakout', 'style', (x) => `</style><img src=x onerror=${x}>`],
  ['element breakout', 'script-block', (x) => `</noscript><img src=x onerror=${x}>`],
  ['element breakout', 'comment', (x) => `--><img src=x onerror=${x}>`],
  ['element breakout', 'cdata', (x) => `]]><img src=x onerror=${x}>`],
  ['element breakout', 'js-string-double', (x) => `";${x};//`],
  ['element breakout', 'js-string-single', (x) => `';${x};//`],
  ['element breakout', 'js-string-escaped', (x) => `\\";${x};//`],
  // Template literals and client-side templates.
  ['template literal', 'template-literal', (x) => `\${${x}}`],
  ['template literal', 'template-literal', (x) => `\`+${x}+\``],
  ['template literal', 'client-template', (x) => `{{constructor.constructor('${x}')()}}`],
  // Unicode escapes and other encodings.
  ['Unicode and encodings', 'unicode-unescaped', (x) => `\\u003cimg src=x onerror=${x}\\u003e`],
  ['Unicode and encodings', 'entity-decoded', (x) => `&lt;img src=x onerror=${x}&gt;`],
  ['Unicode and encodings', 'url-decoded', (x) => `%3Cimg%20src%3Dx%20onerror%3D${encodeURIComponent(x)}%3E`],
  ['Unicode and encodings', 'nfkc', (x) => `＜img src=x onerror=${x}＞`],
  ['Unicode and encodings', 'html', (x) => `<img src=x onerror=${x.replace('__', '\\u005f\\u005f')}>`],
  ['Unicode and encodings', 'html', (x) => `<img src=x onerror=${x.replace('__', '&#95;&#x5f;')}>`],
  ['Unicode and encodings', 'html', (x) => `<svg/onload=${x}>`],
  // Trusted Types sinks: text that is harmless as text, and runs in a script sink.
  ['Trusted Types sink', 'eval', (x) => x],
  ['Trusted Types sink', 'script-url', (x) => `data:text/javascript,${x}`],
  ['Trusted Types sink', 'html', (x) => `<iframe srcdoc="&lt;img src=x onerror=parent.${x}&gt;"></iframe>`],
  // The information texts' Markdown links.
  ['Markdown link', 'markdown-link', (x) => `[klicka här](javascript:${x})`],
  ['Markdown link', 'markdown-link', (x) => `[klicka här](JAVASCRIPT:${x})`],
  ['Markdown link', 'markdown-link', (x) => `[klicka här](data:text/html,<script>parent.${x}</script>)`],
];

/** Every payload, numbered from 1. */
export const XSS_PAYLOADS: readonly XssPayload[] = raw.map(([family, context, make], index) => ({
  id: index + 1,
  family,
  context,
  text: make(`__xss(${index + 1})`),
}));

/** The name of the function a payload that runs calls. */
export const XSS_MARKER = '__xss';
