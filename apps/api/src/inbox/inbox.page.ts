/**
 * The approval web page (GET /inbox): sales managers see what waits for them and decide; account
 * representatives follow their own contracts. No front-end build and no inline code: the page
 * loads /inbox/app.css and /inbox/app.js, so its Content-Security-Policy can forbid inline script.
 */
export const INBOX_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pactum · Approvals</title>
<link rel="stylesheet" href="/inbox/app.css">
<script src="/inbox/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar">
  <span class="brand">Pactum</span>
  <nav id="nav" aria-label="Main" hidden><a id="home-link" href="#/">Inbox</a></nav>
  <span class="spacer"></span>
  <span id="who"></span>
  <button id="sign-out" type="button" hidden>Sign out</button>
</header>
<main id="main" tabindex="-1">
  <div id="message" class="message" role="status" aria-live="polite"></div>
  <section id="login-view" hidden>
    <h1 tabindex="-1">Sign in</h1>
    <form id="login" class="card narrow">
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit" class="primary">Sign in</button>
    </form>
  </section>
  <section id="inbox-view" hidden>
    <h1 tabindex="-1">Waiting for your approval</h1>
    <p id="inbox-summary"></p>
    <form id="bulk">
      <div class="toolbar">
        <label class="check"><input type="checkbox" id="select-all"> Select all</label>
        <button type="submit" class="primary" id="approve-selected" disabled>Approve selected</button>
      </div>
      <table class="inbox">
        <caption class="sr">Contracts waiting for approval, oldest first</caption>
        <thead><tr><th scope="col"><span class="sr">Select</span></th><th scope="col">Contract</th><th scope="col">Buyers</th><th scope="col">Value</th><th scope="col">Submitted by</th><th scope="col">Waiting</th><th scope="col">Escalates</th></tr></thead>
        <tbody id="inbox-rows"></tbody>
      </table>
    </form>
  </section>
  <section id="contract-view" hidden></section>
  <section id="mine-view" hidden>
    <h1 tabindex="-1">My contracts</h1>
    <p id="mine-summary"></p>
    <div id="mine-list"></div>
  </section>
</main>
</body>
</html>
`;
