/**
 * What the signing and secretary pages add to the shared base style sheet (site-css.ts): forms, tables of
 * signers, the notices and the PDF view. Same palette, so contrast stays WCAG 2.1 AA; status is always a word.
 */
export const PAGES_CSS = `
.notice { border-left: 0.5rem solid var(--warn); background: var(--panel); padding: 0.5rem 1rem; margin: 0; }
.session-bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: flex-end; padding: 0.5rem 1rem; border-bottom: 1px solid var(--line); }
.session-bar form { margin: 0; }
.done { border-left: 0.5rem solid var(--ok); background: var(--panel); padding: 0.75rem 1rem; margin: 1rem 0; }
.error-summary { border: 3px solid var(--bad); padding: 0.75rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0; color: var(--bad); }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: 0.5rem 1rem 1rem; }
legend { font-weight: bold; padding: 0 0.25rem; }
form.stack .field { display: flex; flex-direction: column; gap: 0.25rem; margin: 0.75rem 0; }
form.stack .choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.5rem 0; }
form.stack .choice label { font-weight: normal; }
input[type="text"], input[type="email"], input[type="date"], textarea, select { font: inherit; padding: 0.5rem; border: 2px solid var(--line);
  border-radius: 4px; max-width: 100%; width: 100%; background: var(--bg); color: var(--text); }
input[type="checkbox"], input[type="radio"] { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--link); }
textarea { min-height: 6rem; }
[aria-invalid="true"] { border-color: var(--bad); border-width: 3px; }
.field-error { color: var(--bad); font-weight: bold; }
button.secondary { background: var(--bg); color: var(--link); }
button.secondary:hover { background: var(--panel); }
button.danger { background: var(--bad); border-color: var(--bad); }
button.danger:hover { background: #7d1013; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.actions form { margin: 0 0 1rem; }
.table-wrap { overflow-x: auto; }
td.date { white-space: nowrap; }
.state { font-weight: bold; }
.state-signed, .state-justerad, .state-anslag_published, .state-anslag_taken_down { color: var(--ok); }
.state-declined, .state-cancelled { color: var(--bad); }
.declined { border: 2px solid var(--bad); border-radius: 4px; padding: 0.5rem 1rem; margin: 1rem 0; }
.declined h2 { margin-top: 0.25rem; font-size: 1.15rem; }
.comment { white-space: pre-wrap; border-left: 4px solid var(--bad); padding: 0.25rem 0.75rem; margin: 0.25rem 0 0.5rem; background: var(--bg); }
.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: 0.5rem; margin: 0.5rem 0; }
.hash { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.pdf-view { border: 1px solid var(--line); background: #5f6368; padding: 0.5rem; display: flex; flex-direction: column; gap: 0.5rem; align-items: center; }
.pdf-view canvas { max-width: 100%; height: auto; background: #ffffff; box-shadow: 0 1px 3px #000000; }
.pdf-view[hidden] { display: none; }
.extract-text { border: 1px solid var(--line); padding: 0.5rem 1rem; border-radius: 4px; }
.extract-text blockquote { margin: 0.5rem 0 0.5rem 1.5rem; }
.confirm { border: 2px solid var(--link); border-radius: 4px; padding: 0.75rem 1rem; margin: 1rem 0; }
main:has(table.extract-list) { max-width: 80rem; }
form.list-filter { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-end; margin: 1rem 0; }
form.list-filter .field { flex: 1 1 14rem; }
form.list-filter .field:has(select) { flex: 0 1 18rem; }
.signer-actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 1rem; }
.signer-actions form { margin: 0.5rem 0; }
.link-expired { color: var(--bad); }
.big-code { font-size: 1.4rem; font-weight: bold; letter-spacing: 0.05em; }
`;
