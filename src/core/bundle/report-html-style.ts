/** The HTML report's only styling: inline (the CSP allows inline styles and nothing external). */
export const REPORT_HTML_STYLE = `
:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #fff; --muted: #5c5f66; --line: #d6d8dc;
  --bad: #b3261e; --warn: #8a5a00; --good: #1e7b34; --code: #f3f4f6; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6ea; --bg: #16171a; --muted: #a3a6ad; --line: #3a3c41;
  --bad: #ff8a80; --warn: #ffcc66; --good: #7ee29a; --code: #23252a; } }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
  max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line);
  padding-bottom: .25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.muted, footer { color: var(--muted); } code, pre { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
pre { background: var(--code); padding: .5rem .75rem; border-radius: 4px; white-space: pre-wrap; word-break: break-all; }
.verdict { border-left: 4px solid var(--muted); padding: .5rem 1rem; background: var(--code); }
.verdict.no { border-color: var(--bad); } .verdict.yes { border-color: var(--good); } .verdict.unknown { border-color: var(--warn); }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .8rem; margin-right: .5rem; }
.sev.blocker, .st.fail, .st.error, .st.timeout { color: var(--bad); } .sev.warning, .st.warn { color: var(--warn); }
.st.pass { color: var(--good); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top;
  border-bottom: 1px solid var(--line); padding: .3rem .5rem; } th { font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .25rem 0; }
dt { color: var(--muted); } dd { margin: 0; word-break: break-word; } ol.items { padding-left: 1.25rem; }
details { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
`;
