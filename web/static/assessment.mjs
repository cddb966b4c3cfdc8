// The assessment workspace, enhanced: a timer against the time allowed and the questioning
// limit, and autosave through the JSON API (PATCH /api/v1/assessments/:id, same session
// cookie). Unsaved changes are kept in localStorage under the assessment's id, so a reload
// or a dropped connection loses nothing; they are put back on load and saved again.
// Without this script the page still saves and submits by its form.
const form = document.getElementById('assessment-form');
const timerHost = document.getElementById('assessment-timer');
const status = document.getElementById('autosave-status');

if (form && status) {
  const id = form.dataset.assessmentId;
  const date = form.dataset.date;
  const key = `capstone:assessment:${id}`;
  const version = document.getElementById('version');
  const RETRY_MS = 5000;
  let timer = null;
  let saving = false;
  let again = false;
  let posting = false;
  /** Called when no autosave is running or queued. */
  const idleWaiters = [];
  const whenIdle = () => (saving ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve());

  const say = (text) => {
    status.textContent = text;
  };

  /** A London wall-clock time on the booking's date as an instant (the offset found by Intl). */
  const londonInstant = (time) => {
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi] = time.split(':').map(Number);
    const wall = Date.UTC(y, mo - 1, d, h, mi);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(wall))
        .map((p) => [p.type, Number(p.value)]),
    );
    const offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - wall;
    return new Date(wall - offset).toISOString();
  };

  /** Every field of the form, by name (radios: the checked one). */
  const fields = () => {
    const values = {};
    for (const el of form.elements) {
      if (!el.name || el.name === '_csrf' || el.name === 'version') continue;
      if (el.type === 'radio') {
        if (el.checked) values[el.name] = el.value;
      } else if (el.type === 'checkbox') values[el.name] = el.checked ? el.value : '';
      else if (el.tagName !== 'BUTTON') values[el.name] = el.value;
    }
    return values;
  };

  /** The JSON the API expects, from the form's fields. */
  const draft = (values) => {
    const body = { version: Number(version.value), identityChecked: values['identity-checked'] === 'yes' };
    const doc = (values['id-document'] ?? '').trim();
    body.idDocument = doc || null;
    const time = /^([01]\d|2[0-3]):([0-5]\d)$/;
    for (const [name, prop] of [
      ['started-at', 'startedAt'],
      ['ended-at', 'endedAt'],
    ]) {
      const v = (values[name] ?? '').trim();
      if (v === '') body[prop] = null;
      else if (time.test(v)) body[prop] = londonInstant(v);
    }
    if ('questioning-minutes' in values) {
      const q = values['questioning-minutes'].trim();
      const n = Number(q);
      if (q === '') body.questioningMinutes = null;
      else if (Number.isFinite(n) && n >= 0 && n <= 600) body.questioningMinutes = n;
    }
    body.judgements = {};
    for (const input of form.querySelectorAll('input[type=radio][name^="judgement-"]')) {
      if (!input.checked) continue;
      const criterion = input.closest('.capstone-criterion');
      const note = criterion?.querySelector('textarea')?.value.trim() ?? '';
      const crit = criterion?.dataset.criterion;
      if (crit) body.judgements[crit] = { judgement: input.value, ...(note ? { note } : {}) };
    }
    return body;
  };

  const keep = () => localStorage.setItem(key, JSON.stringify({ fields: fields(), version: Number(version.value) }));

  async function save() {
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    clearTimeout(timer);
    try {
      const response = await fetch(`/api/v1/assessments/${id}`, {
        method: 'PATCH',
        credentials: 'same-origin',
        // The session's CSRF token, from the form: the API refuses a cookie-signed change without it.
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': form.elements.namedItem('_csrf')?.value ?? '' },
        body: JSON.stringify(draft(fields())),
      });
      if (response.ok) {
        const saved = await response.json();
        version.value = String(saved.version);
        localStorage.removeItem(key);
        say(`Saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`);
      } else if (response.status === 409) {
        say('Not saved — this assessment was changed elsewhere. Your changes are kept on this device: reload the page to see the latest version.');
      } else {
        const problem = await response.json().catch(() => ({}));
        say(`Not saved — ${problem.message ?? 'there is a problem'}. Your changes are kept on this device.`);
      }
    } catch {
      say('Not saved — will retry');
      timer = setTimeout(save, RETRY_MS);
    } finally {
      saving = false;
      if (again) {
        again = false;
        save();
      }
      if (!saving) for (const resolve of idleWaiters.splice(0)) resolve();
    }
  }

  // Put back changes not yet saved (a reload, a dropped connection), then save them.
  const kept = (() => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  })();
  if (kept?.fields) {
    for (const [name, value] of Object.entries(kept.fields)) {
      for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (el.type === 'radio') el.checked = el.value === value;
        else if (el.type === 'checkbox') el.checked = el.value === value;
        else el.value = value;
      }
    }
    say('Changes not saved before were put back. Saving…');
    save();
  }

  form.addEventListener('change', () => {
    keep();
    save();
  });
  form.addEventListener('input', (event) => {
    if (event.target.tagName !== 'TEXTAREA' && event.target.type !== 'text') return;
    keep();
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  window.addEventListener('online', () => {
    if (localStorage.getItem(key)) save();
  });
  // The form posts the version it holds, and a stale one is refused (another tab's change
  // must not be overwritten). Leaving a note for the Save button starts an autosave that
  // moves the version while the form is posted: the post waits for it and takes its version.
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    if (saving) {
      event.preventDefault();
      if (posting) return;
      posting = true;
      const submitter = event.submitter ?? undefined;
      whenIdle().then(() => {
        posting = false;
        form.requestSubmit(submitter);
      });
      return;
    }
    localStorage.removeItem(key);
  });
}

if (timerHost) {
  const shortest = Number(timerHost.dataset.shortest);
  // No longest time: the length is a recommendation, not a limit (the ST0072 presentation).
  const longest = timerHost.dataset.longest === '' ? null : Number(timerHost.dataset.longest);
  const limit = timerHost.dataset.questioningLimit === '' ? null : Number(timerHost.dataset.questioningLimit);
  const round = (n) => Math.round(n * 10) / 10;
  timerHost.hidden = false;
  timerHost.className = 'capstone-timer';
  timerHost.innerHTML = `<h2 class="govuk-heading-s">Timer</h2>
    <p class="govuk-body govuk-!-margin-bottom-2"><span class="govuk-!-font-size-36 govuk-!-font-weight-bold" data-elapsed>0</span> minutes
    ${longest === null ? '(a recommended length, not a limit)' : `of ${shortest > 0 ? `${round(shortest)} to ` : 'at most '}${round(longest)}`}${limit === null ? '' : `; questioning up to ${round(limit)} minutes`}</p>
    <p class="govuk-body-s govuk-!-margin-bottom-2" data-warning role="status" aria-live="polite"></p>
    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-toggle>Start timer</button>`;
  const elapsedEl = timerHost.querySelector('[data-elapsed]');
  const warning = timerHost.querySelector('[data-warning]');
  const toggle = timerHost.querySelector('[data-toggle]');
  const started = document.getElementById('started-at');
  const ended = document.getElementById('ended-at');
  let startedAt = null;
  let tick = null;
  const hhmm = (d) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const show = () => {
    const minutes = startedAt ? (Date.now() - startedAt) / 60000 : 0;
    elapsedEl.textContent = String(Math.floor(minutes));
    const over = longest !== null && minutes > longest;
    timerHost.classList.toggle('capstone-timer--over', over);
    const text = over ? 'Over the time allowed' : longest !== null && minutes >= longest - 5 && startedAt ? 'Less than 5 minutes of the time allowed left' : '';
    if (warning.textContent !== text) warning.textContent = text;
  };
  const fire = (el) => el?.dispatchEvent(new Event('change', { bubbles: true }));
  toggle.addEventListener('click', () => {
    if (startedAt === null) {
      startedAt = Date.now();
      toggle.textContent = 'Stop timer';
      if (started && !started.value) {
        started.value = hhmm(new Date());
        fire(started);
      }
      tick = setInterval(show, 1000);
    } else {
      clearInterval(tick);
      toggle.textContent = 'Start timer';
      if (ended) {
        ended.value = hhmm(new Date());
        fire(ended);
      }
      startedAt = null;
    }
    show();
  });
  show();
}
