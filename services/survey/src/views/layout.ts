import { html, SafeHtml } from "./html.ts";

/** Small, readable, high-contrast, no external assets (the CSP allows none), usable from 320 px wide. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f5f7}
main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 3rem;background:#fff;min-height:100vh}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
legend,label.question{font-weight:600;margin-bottom:.5rem;display:block}
.req{color:#a00;font-weight:400}
.scale{display:flex;flex-wrap:wrap;gap:.375rem}
.scale label{display:inline-flex;flex-direction:column;align-items:center;min-width:2.75rem;padding:.5rem .25rem;border:2px solid #6b6b6b;border-radius:.375rem;cursor:pointer}
.scale input{margin:0 0 .25rem}
.hint{color:#4a4a4a;font-size:.9375rem;margin:.25rem 0}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem;border:2px solid #6b6b6b;border-radius:.375rem}
input:focus-visible,textarea:focus-visible,button:focus-visible,.scale label:focus-within{outline:3px solid #ffbf47;outline-offset:2px}
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;border:0;border-radius:.375rem;background:#00703c;color:#fff;cursor:pointer;min-height:44px}
button.link{background:none;color:#1d4ed8;text-decoration:underline;padding:0;font-weight:400;min-height:0}
.errors{border:4px solid #a00;padding:1rem;margin-bottom:1.5rem}
.errors h2{margin-top:0;font-size:1.125rem}
.error{color:#a00;font-weight:600;margin:.25rem 0}
.has-error{border-left:4px solid #a00;padding-left:.75rem}
.check{display:flex;gap:.5rem;align-items:flex-start}
footer{margin-top:2rem;font-size:.9375rem;color:#4a4a4a}
`;

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main id="main">
${body}
</main>
</body>
</html>`.value;
}
