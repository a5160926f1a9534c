/** Styles of the approval page (served as /inbox/app.css). Readable from 390 px to wide screens. */
export const INBOX_STYLES = `
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #f4f5f7; line-height: 1.45; }
* { box-sizing: border-box; }
body { margin: 0; overflow-wrap: anywhere; }
a { color: #1a4fa0; }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.bar { background: #1d2330; color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
.bar a { color: #fff; }
.brand { font-weight: 700; }
.spacer { flex: 1; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h1:focus, h2:focus { outline: none; }
.card { background: #fff; border: 1px solid #dde1e6; border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
.narrow { max-width: 24rem; }
form.card, .decision form { display: grid; gap: .4rem; }
label { font-weight: 600; }
label.check { font-weight: 400; display: inline-flex; gap: .4rem; align-items: center; }
input, textarea { font: inherit; padding: .45rem .5rem; border: 1px solid #8a93a0; border-radius: .3rem; width: 100%; }
input[type=checkbox] { width: 1.25rem; height: 1.25rem; }
button { font: inherit; min-height: 2.5rem; padding: .4rem 1rem; border-radius: .35rem; border: 1px solid #5b6470; background: #fff; color: #1d2330; cursor: pointer; }
button:disabled { opacity: .55; cursor: not-allowed; }
button.primary { background: #1f6f3d; border-color: #1f6f3d; color: #fff; }
button.danger { background: #a32020; border-color: #a32020; color: #fff; }
.bar button { background: transparent; color: #fff; border-color: #fff; min-height: 2rem; }
.message { min-height: 1.5rem; margin: 0 0 .5rem; }
.message.error { color: #a32020; font-weight: 600; }
.message.ok { color: #1f6f3d; font-weight: 600; }
.muted { color: #5b6470; font-size: .9rem; }
.toolbar { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 0 0 .75rem; }
table.inbox { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dde1e6; }
table.inbox th, table.inbox td { text-align: left; vertical-align: top; padding: .55rem .6rem; border-bottom: 1px solid #e3e6ea; }
table.inbox th { background: #eef0f3; font-size: .9rem; }
table.inbox ul { margin: 0; padding-left: 1rem; }
/* Long names wrap anywhere, which would let the table squeeze short columns letter by letter:
   headers and values break only between words, times not at all, the contract keeps some room. */
table.inbox th, table.inbox td.value { overflow-wrap: normal; }
table.inbox td.time { white-space: nowrap; }
table.inbox td.contract { min-width: 9rem; }
.overdue { color: #a32020; font-weight: 600; }
.status { display: inline-block; padding: .05rem .5rem; border: 2px solid currentColor; border-radius: 1rem; font-weight: 700; font-size: .9rem; }
.decision { display: grid; gap: 1rem; grid-template-columns: 1fr 1fr; }
.decision h2 { grid-column: 1 / -1; margin: 0; }
dl.profile { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.profile dt { font-weight: 600; }
dl.profile dd { margin: 0; min-width: 0; }
ul.plain, ol.plain { margin: 0; padding-left: 1.2rem; }
.term h3 { font-size: 1rem; margin: 0 0 .3rem; }
.redline { list-style: none; margin: 0; padding: 0; }
.change { display: grid; grid-template-columns: 7.5rem 1fr; gap: .2rem .75rem; padding: .5rem .6rem; border-left: .4rem solid; margin: 0 0 .4rem; background: #fff; }
.change .kind { font-weight: 700; }
.change .values { grid-column: 2; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.change.added { border-color: #1f6f3d; }
.change.removed { border-color: #a32020; }
.change.changed { border-color: #9a6700; }
del { color: #8a1c1c; text-decoration: line-through; }
ins { color: #17552f; text-decoration: underline; }
.timeline { margin: .3rem 0 0; padding-left: 1.2rem; }
.rejection { border-left: .4rem solid #a32020; background: #fdf1f1; padding: .5rem .75rem; margin: .5rem 0; }
@media (max-width: 48rem) {
  main { padding: .75rem; }
  table.inbox, table.inbox tbody, table.inbox tr, table.inbox td { display: block; width: 100%; }
  table.inbox thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.inbox tr { border-bottom: 2px solid #c9ced6; padding: .4rem 0; }
  table.inbox td { border: 0; padding: .25rem .6rem; display: grid; grid-template-columns: 7.5rem 1fr; gap: .5rem; }
  table.inbox td::before { content: attr(data-label); font-weight: 600; color: #5b6470; }
  .decision { grid-template-columns: 1fr; }
  dl.profile { grid-template-columns: 1fr; }
  dl.profile dd { margin-bottom: .4rem; }
  .change { grid-template-columns: 1fr; }
  .change .values { grid-column: 1; }
}
`;
