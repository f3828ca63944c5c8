// The company combobox (WAI-ARIA APG "list autocomplete with manual selection"). Script is used here because choosing
// one of thousands of companies by typing a few kana needs suggestions while typing; without script the same field is
// a search with a 検索 button, answered by the server (Pages/Program/_CompanyPicker.cshtml).
(() => {
  'use strict';

  const enhance = (root) => {
    const input = root.querySelector('input[role="combobox"], input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])');
    const idField = root.querySelector('[data-combobox-id]');
    const chosen = root.querySelector('[data-combobox-chosen]');
    if (!input || (!idField && !chosen)) return; // the server is showing search results: they are the choice
    const source = root.dataset.combobox;
    const list = document.createElement('ul');
    list.id = input.id + '-listbox';
    list.className = 'combobox-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', root.dataset.comboboxLabel || '');
    list.hidden = true;
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.parentElement.append(list);
    root.append(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    // With suggestions the search button is not needed, and Enter in another field must save, not search.
    root.querySelector('[data-combobox-find]')?.remove();

    let options = [];
    let active = -1;
    let request = 0;

    const show = (open) => {
      list.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
      if (!open) highlight(-1);
    };

    const highlight = (index) => {
      options.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    };

    const suggest = async () => {
      const q = input.value.trim();
      const mine = ++request;
      if (!q) { options = []; list.replaceChildren(); show(false); return; }
      let html = '';
      try {
        const response = await fetch(source + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'text/html' } });
        html = response.ok ? await response.text() : '';
      } catch { html = ''; }
      if (mine !== request) return; // an older answer arriving after a newer one
      const template = document.createElement('template');
      template.innerHTML = html;
      options = [...template.content.querySelectorAll('[role="option"]')];
      list.replaceChildren(...options);
      status.textContent = options.length > 0
        ? (root.dataset.comboboxFound || '').replace('{0}', String(options.length))
        : root.dataset.comboboxNone || '';
      show(options.length > 0);
    };

    const choose = (option) => {
      if (idField) {
        idField.value = option.dataset.id;
        input.value = option.dataset.name;
      } else {
        // Several companies (seminar participants): each chosen one becomes a checked box in the list beside the field.
        if (!chosen.querySelector(`input[value="${option.dataset.id}"]`)) {
          const label = document.createElement('label');
          const box = document.createElement('input');
          box.type = 'checkbox';
          box.name = chosen.dataset.comboboxChosen;
          box.value = option.dataset.id;
          box.checked = true;
          label.append(box, ' ' + option.dataset.name);
          chosen.append(label);
        }
        input.value = '';
        status.textContent = (root.dataset.comboboxAdded || '').replace('{0}', option.dataset.name);
      }
      show(false);
    };

    input.addEventListener('input', () => {
      if (idField) idField.value = '';
      suggest();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) {
          if (options.length > 0) show(true); else suggest();
          if (e.altKey) return;
        }
        if (options.length === 0) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        highlight(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
      } else if (e.key === 'Enter') {
        if (!list.hidden && active >= 0) {
          e.preventDefault();
          choose(options[active]);
        } else if (!idField) {
          e.preventDefault(); // adding participants: Enter never sends the form half-filled
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); show(false); }
        else if (input.value) { e.preventDefault(); input.value = ''; if (idField) idField.value = ''; }
      } else if (e.key === 'Tab') {
        // As in the APG example: Tab takes the highlighted option and moves on, so a choice costs no extra key.
        if (!list.hidden && active >= 0 && idField) choose(options[active]);
        show(false);
      }
    });
    input.addEventListener('blur', () => show(false));
    // A pointer chooses without taking the focus from the field.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const option = e.target.closest('[role="option"]');
      if (option) { choose(option); input.focus(); }
    });
  };

  document.querySelectorAll('[data-combobox]').forEach(enhance);
})();
