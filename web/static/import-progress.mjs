// Keeps a running CSV import's progress up to date without reloading the page: asks for it
// every second, and once the import has ended, loads the page again to show its report.
const panel = document.getElementById('import-progress');
const text = document.getElementById('import-progress-text');
const bar = document.getElementById('import-progress-bar');
const refresh = document.getElementById('refresh');

const number = (n) => Number(n).toLocaleString('en-GB');

function show(run) {
  if (run.status === 'queued') text.textContent = `Waiting to start: ${number(run.total ?? 0)} rows in the file`;
  else if (run.validated < (run.total ?? 0)) text.textContent = `Checking rows: ${number(run.validated)} of ${number(run.total)} checked`;
  else text.textContent = `All ${number(run.total ?? 0)} rows checked: registering the rows without a problem`;
  bar.max = Math.max(1, run.total ?? 1);
  bar.value = run.validated;
}

async function poll() {
  try {
    const answer = await fetch(panel.dataset.progressUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (answer.ok) {
      const run = await answer.json();
      if (run.status === 'done' || run.status === 'failed') {
        window.location.reload();
        return;
      }
      show(run);
      if (refresh) refresh.hidden = true;
    } else if (refresh) refresh.hidden = false;
  } catch {
    // The network failed for a moment: the next poll tries again, and the link is there meanwhile.
    if (refresh) refresh.hidden = false;
  }
  setTimeout(poll, 1000);
}

if (panel && text && bar) {
  if (refresh) refresh.hidden = true;
  setTimeout(poll, 500);
}
