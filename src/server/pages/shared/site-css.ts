/**
 * The base style sheet of every page (public side at /public/public.css, signing and secretary pages at
 * /assets/site.css; no CDN, no inline style, so the CSP can forbid both). Colours meet WCAG 2.1 AA contrast (4.5:1 for text, 3:1 for focus rings and borders);
 * status is always said in words and an icon-free label, never by colour alone.
 */
export const SITE_CSS = `
:root { --text: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --link: #00557a; --focus: #b35900; --ok: #0b6b2b;
  --bad: #a4161a; --warn: #7a4b00; --panel: #f3f5f7; --line: #6b6b6b; font-size: 100%; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; line-height: 1.5; color: var(--text); background: var(--bg); }
a { color: var(--link); text-decoration: underline; }
a:hover { text-decoration-thickness: 3px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; background: var(--bg); padding: 0.5rem 1rem; border: 2px solid var(--focus); }
.skip-link:focus { top: 0.5rem; }
header.site { border-bottom: 1px solid var(--line); padding: 0.75rem 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 2rem;
  align-items: center; justify-content: space-between; }
header.site .brand { font-weight: bold; font-size: 1.15rem; color: var(--text); text-decoration: none; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
footer.site { border-top: 1px solid var(--line); padding: 1rem; color: var(--muted); font-size: 0.95rem; }
footer.site p { max-width: 60rem; margin: 0.25rem auto; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 0.5rem; }
ol.anslag-list, ul.plain { list-style: none; padding: 0; margin: 0; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1rem; background: var(--panel); }
.card h2, .card h3 { margin-top: 0; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 36rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 0.5rem; } }
.verdict { border-left: 0.5rem solid var(--line); padding: 0.75rem 1rem; margin: 1rem 0; background: var(--panel); }
.verdict .label { font-weight: bold; font-size: 1.2rem; display: block; }
.verdict.ok { border-color: var(--ok); }
.verdict.ok .label { color: var(--ok); }
.verdict.bad { border-color: var(--bad); }
.verdict.bad .label { color: var(--bad); }
.verdict.unknown { border-color: var(--warn); }
.verdict.unknown .label { color: var(--warn); }
.error-message { border: 2px solid var(--bad); padding: 0.75rem 1rem; margin: 1rem 0; }
.error-message strong { color: var(--bad); }
form.search, form.upload, form.code { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; margin: 1rem 0; }
form .field { display: flex; flex-direction: column; gap: 0.25rem; flex: 1 1 16rem; }
label { font-weight: bold; }
.hint { color: var(--muted); font-weight: normal; font-size: 0.95rem; }
input[type="search"], input[type="file"] { font: inherit; padding: 0.5rem; border: 2px solid var(--line); border-radius: 4px; max-width: 100%; background: var(--bg); color: var(--text); }
button { font: inherit; padding: 0.5rem 1.25rem; border: 2px solid var(--link); background: var(--link); color: #ffffff; border-radius: 4px; cursor: pointer; }
button:hover { background: #003b55; }
details { margin: 1rem 0; border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 1rem; }
summary { cursor: pointer; font-weight: bold; }
pre { overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; background: var(--panel); padding: 0.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.pagination { display: flex; gap: 1rem; margin: 1rem 0; }
.demo-banner { border-left: 0.5rem solid var(--warn); background: var(--panel); padding: 0.5rem 1rem; margin: 0; color: var(--warn); }
ul.doors { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
ul.doors .card { margin: 0; height: 100%; }
ul.doors h3 { font-size: 1.2rem; }
input[type="text"] { font: inherit; padding: 0.5rem; border: 2px solid var(--line); border-radius: 4px; max-width: 100%; background: var(--bg); color: var(--text); }
`;
