/**
 * The HTML shell every hosted page (3-D Secure, checkout, invoice) is served in: server-rendered,
 * no script, no external font or stylesheet, so it works with JavaScript off and leaks nothing.
 */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1a1f36}
h1{font-size:1.25rem}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;border-radius:6px;border:1px solid #aab}
button[type=submit].primary,#complete{background:#635bff;color:#fff;border-color:#635bff}
label{display:block;margin:.75rem 0 .25rem;font-size:.9rem}
input{box-sizing:border-box;width:100%;font-size:1rem;padding:.5rem;border:1px solid #aab;border-radius:6px}
input[aria-invalid=true]{border-color:#df1b41}.field-row{display:flex;gap:.75rem}.field-row>div{flex:1}
.error{color:#df1b41}table{width:100%;border-collapse:collapse}td{padding:.35rem 0}td.amount{text-align:right}
tr.total td{border-top:1px solid #ccd;font-weight:600}.actions{margin-top:1.25rem}`;

/** A whole page: `body` is trusted HTML (callers escape what they interpolate). */
export function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body>${body}</body></html>`;
}
