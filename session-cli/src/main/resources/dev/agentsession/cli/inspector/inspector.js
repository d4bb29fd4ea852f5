// The inspector page: plain DOM, no framework. Every stored value enters the document through
// textContent or a text node, never as markup; the server's content security policy forbids
// inline script besides.
'use strict';

(() => {
  const POLL_MS = 2000;
  const SESSIONS_PER_PAGE = 50;
  const EVENTS_PER_REQUEST = 500;
  const EVENTS_PER_PAGE = 200;
  const NAMES_PER_PAGE = 100;

  let watch = null; // the open conversation: {app, user, id, last, timer}

  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  async function api(path, parameters) {
    const url = new URL(path, location.origin);
    for (const [name, value] of Object.entries(parameters || {})) url.searchParams.set(name, value);
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 401) {
      throw new Error('the access token is missing or wrong: open the link the server printed at start');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || 'the server answered ' + response.status);
    return body;
  }

  function href(...parts) {
    return '#/' + parts.map(encodeURIComponent).join('/');
  }

  function json(value) {
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  function isEmpty(value) {
    return value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0);
  }

  // Stored times are UTC with microseconds; shown in the reader's zone, UTC on hover.
  function time(iso) {
    const date = new Date(iso.replace(/(\.\d{3})\d+Z$/, '$1Z'));
    return el('time', { datetime: iso, title: 'UTC ' + iso.replace('T', ' ') }, date.toLocaleString());
  }

  function status(text, isError) {
    const node = $('status');
    node.textContent = text;
    node.className = isError ? 'error-text' : '';
  }

  function showError(container, error) {
    container.replaceChildren(el('p', { class: 'error', role: 'alert' }, error.message));
  }

  function stopWatching() {
    if (watch && watch.timer) clearInterval(watch.timer);
    watch = null;
  }

  function crumbs(app, user, id) {
    const nav = $('crumbs');
    nav.replaceChildren();
    if (app) nav.append(el('a', { href: href('a', app) }, app));
    if (user) nav.append('/ ', el('a', { href: href('a', app, 'u', user) }, user));
    if (id) nav.append('/ ', el('span', {}, id));
  }

  // ---------------------------------------------------------------- the side: apps, users, sessions

  // A pager under a list of names: previous and next pages of NAMES_PER_PAGE.
  function namePager(page, offset, show) {
    const previous = el('button', { type: 'button', class: 'previous-names' }, 'Previous');
    const next = el('button', { type: 'button', class: 'next-names' }, 'Next');
    previous.disabled = offset === 0;
    next.disabled = !page.more;
    previous.addEventListener('click', () => show(Math.max(0, offset - NAMES_PER_PAGE)));
    next.addEventListener('click', () => show(offset + NAMES_PER_PAGE));
    return el('div', { class: 'pager' }, previous, next);
  }

  async function showApps(offset = 0) {
    const side = $('side');
    const page = await api('/api/apps', { offset, limit: NAMES_PER_PAGE });
    const again = (at) => showApps(at).catch((e) => showError(side, e));
    side.replaceChildren(el('h2', {}, 'Apps'),
      page.apps.length === 0 && offset === 0 ? el('p', { class: 'hint' }, 'The store holds no sessions yet.')
        : el('ul', { class: 'pick', id: 'apps' },
          ...page.apps.map((app) => el('li', {}, el('a', { href: href('a', app), class: 'app-link' }, app)))),
      namePager(page, offset, again));
  }

  async function showUsers(app, offset = 0) {
    const side = $('side');
    const page = await api('/api/users', { app, offset, limit: NAMES_PER_PAGE });
    const again = (at) => showUsers(app, at).catch((e) => showError(side, e));
    side.replaceChildren(el('a', { href: '#/' }, '← all apps'), el('h2', {}, 'Users of ' + app),
      el('ul', { class: 'pick', id: 'users' },
        ...page.users.map((user) => el('li', {}, el('a', { href: href('a', app, 'u', user), class: 'user-link' }, user)))),
      namePager(page, offset, again));
  }

  async function showSessions(app, user, offset, currentId) {
    const side = $('side');
    const page = await api('/api/sessions', { app, user, offset, limit: SESSIONS_PER_PAGE });
    const older = el('button', { type: 'button', id: 'older' }, 'Older');
    const newer = el('button', { type: 'button', id: 'newer' }, 'Newer');
    older.disabled = !page.more;
    newer.disabled = offset === 0;
    older.addEventListener('click', () => showSessions(app, user, offset + SESSIONS_PER_PAGE, currentId).catch((e) => showError(side, e)));
    newer.addEventListener('click', () => showSessions(app, user, Math.max(0, offset - SESSIONS_PER_PAGE), currentId).catch((e) => showError(side, e)));
    const rows = page.sessions.map((session) => el('li', {},
      el('a', { href: href('a', app, 'u', user, 's', session.id), class: 'session-link' + (session.id === currentId ? ' current' : ''),
        'data-session': session.id },
        el('div', {}, session.id),
        el('div', { class: 'hint' }, session.lastSequence + (session.lastSequence === 1 ? ' event · ' : ' events · '), time(session.updatedAt)))));
    side.replaceChildren(el('a', { href: href('a', app) }, '← users of ' + app),
      el('h2', {}, 'Sessions of ' + user),
      el('p', { class: 'hint' }, 'Most recently updated first.'),
      rows.length === 0 ? el('p', { class: 'hint' }, 'No sessions.') : el('ul', { class: 'pick', id: 'sessions' }, ...rows),
      el('div', { class: 'pager' }, newer, older,
        el('span', { class: 'hint' }, page.sessions.length === 0 ? '' : (offset + 1) + '–' + (offset + page.sessions.length))));
  }

  // ---------------------------------------------------------------- the main pane: one conversation

  function grid(pairs) {
    const list = el('dl', { class: 'meta-grid' });
    for (const [name, value] of pairs) list.append(el('dt', {}, name), el('dd', {}, value));
    return list;
  }

  function sessionHeader(session) {
    return el('section', { id: 'session-header' },
      el('h2', {}, 'Session ', el('span', { id: 'session-id' }, session.id)),
      grid([['app', session.app], ['user', session.user], ['agent', session.agent || '—'],
        ['created', time(session.createdAt)], ['updated', el('span', { id: 'session-updated' }, time(session.updatedAt))],
        ['events', el('span', { id: 'event-count' }, String(session.lastSequence))]]),
      el('div', { class: 'panels' },
        el('div', {}, el('h3', {}, 'Metadata'), el('pre', { id: 'session-metadata' }, json(session.metadata))),
        el('div', {}, el('h3', {}, 'Current state'), el('pre', { id: 'session-state' }, json(session.state)))));
  }

  // One event as a card; `shown` is the conversation it belongs to ({app, user, id}).
  function eventCard(shown, event, fresh) {
    const byUser = event.author === 'user';
    const card = el('article', { class: 'event ' + (byUser ? 'by-user' : 'by-agent') + (fresh ? ' fresh' : ''),
      id: 'event-' + event.sequence, 'data-sequence': event.sequence });
    const tags = [event.agent && 'agent ' + event.agent, event.invocationId && 'invocation ' + event.invocationId,
      event.branch && 'branch ' + event.branch].filter(Boolean).join(' · ');
    card.append(el('div', { class: 'event-head' },
      el('a', { class: 'seq', href: href('a', shown.app, 'u', shown.user, 's', shown.id, 'e', String(event.sequence)) },
        '#' + event.sequence),
      el('span', { class: 'author' }, event.author),
      time(event.createdAt),
      tags ? el('span', { class: 'tags' }, tags) : null));
    if (event.content !== null && event.content !== undefined) card.append(el('div', { class: 'content' }, event.content));
    if (event.reasoning) {
      card.append(el('details', { class: 'reasoning' }, el('summary', {}, 'reasoning'),
        el('pre', {}, event.reasoning)));
    }
    for (const action of event.actions) {
      card.append(el('div', { class: 'action' },
        el('div', {}, 'tool ', el('span', { class: 'tool-name' }, action.toolName)),
        el('div', { class: 'label' }, 'input'), el('pre', { class: 'action-input' }, json(action.input)),
        el('div', { class: 'label' }, 'output'),
        action.output === null || action.output === undefined
          ? el('div', { class: 'hint action-output' }, 'no output yet')
          : el('pre', { class: 'action-output' }, json(action.output))));
    }
    if (event.longRunningToolIds.length > 0) {
      card.append(el('div', { class: 'long-running' }, el('span', { class: 'label' }, 'long-running tool calls: '),
        ...event.longRunningToolIds.map((id) => el('span', { class: 'running' }, id))));
    }
    if (!isEmpty(event.stateDelta)) {
      card.append(el('details', { class: 'delta', open: '' }, el('summary', {}, 'state delta'),
        el('pre', {}, json(event.stateDelta))));
    }
    if (!isEmpty(event.metadata)) {
      card.append(el('details', { class: 'event-metadata' }, el('summary', {}, 'metadata'), el('pre', {}, json(event.metadata))));
    }
    const stateAt = el('div', { class: 'state-at' });
    const button = el('button', { type: 'button', class: 'state-button' }, 'state as of #' + event.sequence);
    button.addEventListener('click', async () => {
      if (stateAt.childElementCount > 0) { stateAt.replaceChildren(); return; }
      try {
        const view = await api('/api/state', { app: shown.app, user: shown.user, id: shown.id, at: event.sequence });
        stateAt.replaceChildren(el('div', { class: 'label' },
          'state as of #' + view.at + ': keys this session\'s events changed as they stood then; other keys as they are now'),
        el('pre', { class: 'state-snapshot' }, json(view.state)));
      } catch (e) {
        showError(stateAt, e);
      }
    });
    card.append(el('div', {}, button), stateAt);
    return card;
  }

  // Appends the events after current.last, page by page, up to the session's end; stops, changing
  // nothing, as soon as another conversation (or none) is open.
  async function loadEvents(current, list, fresh) {
    let added = 0;
    for (;;) {
      const page = await api('/api/events', { app: current.app, user: current.user, id: current.id, after: current.last, limit: EVENTS_PER_REQUEST });
      if (watch !== current) return added;
      for (const event of page.events) {
        list.append(eventCard(current, event, fresh));
        current.last = event.sequence;
        added++;
      }
      if (!page.more || page.events.length === 0) return added;
    }
  }

  // A button whose click runs `work` once at a time: disabled until it settles.
  function onClick(button, work) {
    button.addEventListener('click', async () => {
      if (button.disabled) return;
      button.disabled = true;
      try {
        await work();
      } catch (e) {
        status(e.message, true);
      } finally {
        button.disabled = false;
      }
    });
  }

  // Puts the EVENTS_PER_PAGE events just below current.first before the shown ones.
  async function loadOlder(current, list, button) {
    const page = await api('/api/events', { app: current.app, user: current.user, id: current.id, before: current.first, limit: EVENTS_PER_PAGE });
    if (watch !== current) return;
    list.prepend(...page.events.map((event) => eventCard(current, event, false)));
    current.first = page.first;
    button.hidden = current.first <= 1;
  }

  // Opens a conversation at its newest page, or at the page around the sequence `at`; older
  // pages come on demand, newer events as they are committed (once the newest is shown).
  async function showSession(app, user, id, at) {
    const main = $('main');
    const session = await api('/api/session', { app, user, id });
    stopWatching();
    const list = el('div', { id: 'events' });
    const older = el('button', { type: 'button', id: 'load-older' }, 'Load older');
    const newer = el('button', { type: 'button', id: 'load-newer' }, 'Load newer');
    main.replaceChildren(sessionHeader(session), el('h3', {}, 'Conversation'), older, list, newer);
    const end = at ? Math.min(session.lastSequence, at + EVENTS_PER_PAGE / 2) : session.lastSequence;
    const current = { app, user, id, first: end + 1, last: end, timer: null };
    watch = current;
    const page = await api('/api/events', { app, user, id, before: end + 1, limit: EVENTS_PER_PAGE });
    if (watch !== current) return;
    list.append(...page.events.map((event) => eventCard(current, event, false)));
    current.first = page.first;
    older.hidden = current.first <= 1;
    onClick(older, () => loadOlder(current, list, older));
    if (session.lastSequence === 0) list.append(el('p', { class: 'hint', id: 'no-events' }, 'No events yet.'));
    status('');
    if (at) {
      const target = document.getElementById('event-' + at);
      if (target) {
        target.classList.add('target');
        target.scrollIntoView({ block: 'center' });
      } else {
        status('this session has no event #' + at, true);
      }
    }
    current.caughtUp = end >= session.lastSequence;
    newer.hidden = current.caughtUp;
    onClick(newer, async () => {
      const next = await api('/api/events', { app, user, id, after: current.last, limit: EVENTS_PER_PAGE });
      if (watch !== current) return;
      list.append(...next.events.map((event) => eventCard(current, event, false)));
      if (next.events.length > 0) current.last = next.events[next.events.length - 1].sequence;
      current.caughtUp = !next.more;
      newer.hidden = current.caughtUp;
      if (current.caughtUp) status('watching for new events');
    });
    if (!at) status('watching for new events');
    current.timer = setInterval(async () => {
      if (current.busy || !current.caughtUp) return;
      current.busy = true;
      try {
        const before = current.last;
        const added = await loadEvents(current, list, true);
        if (watch !== current) return;
        if (added > 0) {
          const placeholder = $('no-events');
          if (placeholder) placeholder.remove();
          const fresh = await api('/api/session', { app, user, id });
          $('session-state').textContent = json(fresh.state);
          $('session-metadata').textContent = json(fresh.metadata);
          $('event-count').textContent = String(fresh.lastSequence);
          $('session-updated').replaceChildren(time(fresh.updatedAt));
          status((current.last - before) + ' new event(s) at ' + new Date().toLocaleTimeString());
        } else if ($('status').className === 'error-text') {
          status('watching for new events');
        }
      } catch (e) {
        status(e.message, true);
      } finally {
        current.busy = false;
      }
    }, POLL_MS);
  }

  // ---------------------------------------------------------------- finding a session by id

  async function find(id) {
    const main = $('main');
    stopWatching();
    const { matches } = await api('/api/find', { id });
    if (matches.length === 1) {
      location.hash = href('a', matches[0].app, 'u', matches[0].user, 's', id);
      return;
    }
    main.replaceChildren(el('h2', {}, 'Sessions with id ', el('span', {}, id)),
      matches.length === 0 ? el('p', { class: 'hint', id: 'not-found' }, 'No session has this id.')
        : el('ul', { class: 'pick', id: 'matches' }, ...matches.map((match) => el('li', {},
          el('a', { href: href('a', match.app, 'u', match.user, 's', id) }, match.app + ' / ' + match.user)))));
  }

  // ---------------------------------------------------------------- routes: #/a/APP/u/USER/s/ID

  // #/a/APP/u/USER/s/ID/e/SEQ, each part optional from the end; null when the fragment is not one.
  function parseFragment(hash) {
    let parts;
    try {
      parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0).map(decodeURIComponent);
    } catch (e) {
      return null;
    }
    const keys = ['a', 'u', 's', 'e'];
    if (parts.length % 2 !== 0 || parts.length > 8) return null;
    for (let i = 0; i < parts.length; i += 2) if (parts[i] !== keys[i / 2]) return null;
    const at = parts[7] === undefined ? undefined : Number(parts[7]);
    if (at !== undefined && !(Number.isSafeInteger(at) && at >= 1)) return null;
    return { app: parts[1], user: parts[3], id: parts[5], at };
  }

  async function route() {
    const main = $('main');
    const side = $('side');
    const where = parseFragment(location.hash);
    if (where === null) {
      stopWatching();
      crumbs();
      main.replaceChildren(el('p', { class: 'error', role: 'alert', id: 'bad-address' },
        'This address does not name an app, user, session or event: ', el('code', {}, location.hash),
        '. It should read #/a/APP/u/USER/s/SESSION/e/SEQUENCE, each part optional from the end. '),
        el('a', { href: '#/' }, 'Start over'));
      await showApps().catch((e) => showError(side, e));
      return;
    }
    const { app, user, id, at } = where;
    crumbs(app, user, id);
    try {
      if (!app) {
        stopWatching();
        await showApps();
        main.replaceChildren(el('p', { class: 'hint' }, 'Pick an app, a user and a session, or find a session by its id.'));
        status('');
      } else if (!user) {
        stopWatching();
        await showUsers(app);
        main.replaceChildren(el('p', { class: 'hint' }, 'Pick a user of ' + app + '.'));
        status('');
      } else {
        await showSessions(app, user, 0, id);
        if (id) {
          await showSession(app, user, id, at);
        } else {
          stopWatching();
          main.replaceChildren(el('p', { class: 'hint' }, 'Pick a session of ' + user + '.'));
          status('');
        }
      }
    } catch (e) {
      showError(id ? main : side, e);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('find').addEventListener('submit', (submitted) => {
      submitted.preventDefault();
      const id = $('find-id').value.trim();
      if (id) find(id).catch((e) => showError($('main'), e));
    });
    window.addEventListener('hashchange', route);
    route();
  });
})();
