// Going Global's static widget renderer: draws the widget state that the book's pages save
// (ipywidgets 8) with the same controls as @jupyter-widgets/html-manager's embed-amd.js, at a
// tenth of its size. It leaves out what a static book never uses: JupyterLab's output area and
// renderers (React, CodeMirror, Blueprint icons), JSON-schema validation (ajv), require.js
// loading of third-party widget modules, and a second copy of Font Awesome.
// Build: scripts/vendor-assets.sh (npm + esbuild, versions pinned in package-lock.json).
import * as base from '@jupyter-widgets/base';
import * as controls from '@jupyter-widgets/controls';
import * as outputBase from '@jupyter-widgets/output';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import stylesCss from '../build/styles.css';
import labVariablesCss from '../build/labvariables.css';

const STATE = 'application/vnd.jupyter.widget-state+json';
// Where the precomputed widget states are served (book/_ext/static_widgets.py copies them to
// _static/widget-states/, next to this script's folder vendor/course-widgets/).
const SCRIPT_SRC = (document.currentScript && document.currentScript.src) || '';
const VIEW = 'application/vnd.jupyter.widget-view+json';

function addStyle(css) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}

// The saved outputs of an Output widget. The book's widgets save HTML (a figure with its alt
// text, a table); images, text and nested widgets are drawn too. The HTML comes from the
// book's own build, so it is inserted as it is, like the rest of the page.
class OutputModel extends outputBase.OutputModel {
  defaults() {
    return { ...super.defaults(), msg_id: '', outputs: [] };
  }
}

class OutputView extends outputBase.OutputView {
  render() {
    super.render();
    this.el.classList.add('jupyter-widgets', 'widget-output');
    this.listenTo(this.model, 'change:outputs', this.drawOutputs);
    this.drawOutputs();
  }

  drawOutputs() {
    this.el.replaceChildren();
    for (const output of this.model.get('outputs') || []) {
      const area = document.createElement('div');
      area.className = 'jp-OutputArea-output';
      this.el.appendChild(area);
      this.drawOne(output, area);
    }
  }

  drawOne(output, area) {
    const join = (text) => (Array.isArray(text) ? text.join('') : text || '');
    if (output.output_type === 'stream' || output.output_type === 'error') {
      const pre = document.createElement('pre');
      pre.textContent =
        output.output_type === 'stream' ? join(output.text) : join(output.traceback);
      area.appendChild(pre);
      return;
    }
    const data = output.data || {};
    if (data[VIEW]) {
      const model_id = data[VIEW].model_id;
      this.model.widget_manager
        .get_model(model_id)
        .then((model) => this.model.widget_manager.create_view(model))
        .then((view) => this.model.widget_manager.display_view(view, area))
        .catch((error) => console.error('Could not draw a nested widget', model_id, error));
    } else if (data['text/html'] !== undefined) {
      area.innerHTML = join(data['text/html']);
    } else if (data['image/svg+xml'] !== undefined) {
      area.innerHTML = join(data['image/svg+xml']);
    } else if (data['image/png'] !== undefined || data['image/jpeg'] !== undefined) {
      const img = document.createElement('img');
      const type = data['image/png'] !== undefined ? 'image/png' : 'image/jpeg';
      img.src = `data:${type};base64,${join(data[type])}`;
      img.alt = join(data['text/plain']);
      area.appendChild(img);
    } else if (data['text/plain'] !== undefined) {
      const pre = document.createElement('pre');
      pre.textContent = join(data['text/plain']);
      area.appendChild(pre);
    }
  }
}

const output = { OutputModel, OutputView };

class StaticManager extends ManagerBase {
  constructor() {
    super();
    this._views = new Set();
    window.addEventListener('resize', () => {
      this._views.forEach((view) =>
        MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize),
      );
    });
  }

  async display_view(view, el) {
    const v = await view;
    Widget.attach(v.luminoWidget, el);
    this._views.add(v);
    v.once('remove', () => this._views.delete(v));
  }

  loadClass(className, moduleName, moduleVersion) {
    const modules = {
      '@jupyter-widgets/base': base,
      '@jupyter-widgets/controls': controls,
      '@jupyter-widgets/output': output,
    };
    const module = modules[moduleName];
    if (module && module[className]) {
      return Promise.resolve(module[className]);
    }
    // The build refuses widgets from other modules (book/_ext/self_hosting.py), so this
    // only happens if a page was edited by hand.
    return Promise.reject(new Error(`no widget ${className} in ${moduleName}@${moduleVersion}`));
  }

  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }
}

// --- Precomputed states (src/coursekit/widgets/_states.py) -------------------------------------
// A box built with @static_states carries the class cw-states-<key>; its controls cw-ctl-<name>
// and its outputs cw-out-<name>. When a control changes, the state with the controls' current
// values is fetched (lazily, from this site) and put into the output models, which redraw.

function classValue(model, prefix) {
  const found = (model.get('_dom_classes') || []).find((c) => c.startsWith(prefix));
  return found === undefined ? null : found.slice(prefix.length);
}

function descendants(model, out = []) {
  out.push(model);
  for (const child of model.get('children') || []) {
    if (child && typeof child.get === 'function') {
      descendants(child, out);
    }
  }
  return out;
}

function sameValue(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

// Selection widgets sync the index of the chosen option, the others their value.
function controlValue(model) {
  if (!('index' in model.attributes)) {
    return model.get('value');
  }
  const index = model.get('index');
  return Array.isArray(index) ? [...index].sort((a, b) => a - b) : index;
}

function statesRoot() {
  const src =
    SCRIPT_SRC || (document.querySelector('script[src*="course-widgets.js"]') || {}).src || '';
  return new URL('../../widget-states/', src || document.baseURI);
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${response.status} for ${url}`);
  }
  return response.json();
}

function withImageUrls(value, base) {
  if (typeof value === 'string') {
    return value.replace(/src="cw-state:([^"]+)"/g, (_, name) => `src="${new URL(name, base)}"`);
  }
  if (Array.isArray(value)) {
    return value.map((v) => withImageUrls(v, base));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withImageUrls(v, base)]));
  }
  return value;
}

function describe(model) {
  return (model.get('description') || '').replace(/:$/, '');
}

function attachStates(boxModel, host) {
  const key = classValue(boxModel, 'cw-states-');
  if (key === null) {
    return;
  }
  const controls = new Map();
  const outputs = new Map();
  for (const model of descendants(boxModel)) {
    const control = classValue(model, 'cw-ctl-');
    if (control !== null) {
      controls.set(control, model);
    }
    const output = classValue(model, 'cw-out-');
    if (output !== null) {
      outputs.set(output, model);
    }
  }
  const declared = [...controls.values()].filter((m) => classValue(m, 'cw-declared') === '');
  // Controls precomputed one at a time (each with the others at the page's values).
  const alone = declared.filter((m) => classValue(m, 'cw-alone') === '');
  const together = declared.filter((m) => !alone.includes(m));
  const fixed = [...controls.values()].filter((m) => !declared.includes(m));
  const what = [
    together.map(describe).join(' or '),
    alone.length ? `one of ${alone.map(describe).join(', ')} at a time` : '',
  ]
    .filter((s) => s)
    .join(', or ');
  const status = document.createElement('p');
  status.className = 'cw-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.textContent =
    `No kernel here: changing ${what} shows an output that was ` +
    'computed when the book was built' +
    (fixed.length ? `; ${fixed.map(describe).join(', ')} are precomputed only at the values shown.` : '.');
  host.appendChild(status);
  host.dataset.cwStates = key;
  host.querySelectorAll('[class*="cw-out-"]').forEach((el) => el.setAttribute('aria-live', 'polite'));

  const base = new URL(`${key}/`, statesRoot());
  let manifest = null;
  let shown = null;
  let latest = 0;
  let applying = false;
  const update = async () => {
    if (applying) {
      return;
    }
    const ticket = ++latest;
    try {
      manifest = manifest || (await fetchJson(new URL('manifest.json', base)));
      // The other controls hold what the shown state set them to (as the kernel's observers
      // would), or the page's values; a reader who moves one leaves the precomputed states.
      const expected = shown && shown.fixed ? shown.fixed : manifest.fixed;
      const moved = Object.entries(expected).filter(
        ([name, value]) => controls.has(name) && !sameValue(controlValue(controls.get(name)), value),
      );
      const current = manifest.declared.map((name) => controlValue(controls.get(name)));
      const state = moved.length ? undefined : manifest.states.find((s) => sameValue(s.values, current));
      if (ticket !== latest) {
        return;
      }
      if (state === undefined) {
        host.dataset.cwState = 'none';
        const why = moved.length
          ? `${moved.map(([name]) => describe(controls.get(name))).join(', ')} ` +
            `${moved.length > 1 ? 'were' : 'was'} precomputed only at: ${manifest.fixed_labels.join('; ')}.`
          : (manifest.one_at_a_time || []).length
            ? `only one of ${manifest.one_at_a_time.map((n) => describe(controls.get(n))).join(', ')} ` +
              "at a time was precomputed, with the other controls at the page's values."
            : 'these values were not precomputed.';
        status.textContent =
          `Not precomputed: ${why} The output still shows ` +
          (shown ? `${shown.label}.` : 'the state the page was saved in.') +
          ' Open the page as a live notebook (rocket icon) to compute any value.';
        return;
      }
      const data = await fetchJson(new URL(state.file, base));
      if (ticket !== latest) {
        return;
      }
      applying = true;
      try {
        for (const [name, value] of Object.entries(state.fixed || {})) {
          const model = controls.get(name);
          if (model !== undefined && !sameValue(controlValue(model), value)) {
            model.set('index' in model.attributes ? 'index' : 'value', value);
          }
        }
      } finally {
        applying = false;
      }
      for (const [name, value] of Object.entries(data.outputs)) {
        const model = outputs.get(name);
        if (model !== undefined) {
          model.set(Array.isArray(value) ? 'outputs' : 'value', withImageUrls(value, base));
        }
      }
      shown = state;
      host.dataset.cwState = state.file;
      status.textContent = `Showing the output precomputed for ${state.label}.`;
    } catch (error) {
      status.textContent = `The precomputed output could not be loaded (${error.message}).`;
    }
  };
  for (const model of controls.values()) {
    model.on('change:value change:index', update);
  }
}

async function renderState(stateTag) {
  const manager = new StaticManager();
  const models = await manager.set_state(JSON.parse(stateTag.textContent));
  const byId = new Map(models.map((model) => [model.model_id, model]));
  const viewTags = document.querySelectorAll(`script[type="${VIEW}"]`);
  await Promise.all(
    Array.from(viewTags).map(async (viewTag) => {
      const model = byId.get(JSON.parse(viewTag.textContent).model_id);
      if (model === undefined || viewTag.parentElement === null) {
        return;
      }
      const host = document.createElement('div');
      host.className = 'widget-subarea';
      viewTag.parentElement.insertBefore(host, viewTag);
      await manager.display_view(manager.create_view(model), host);
      attachStates(model, host);
    }),
  );
}

async function renderAll() {
  addStyle(stylesCss);
  // JupyterLab's colour variables, unless the page already defines them.
  if (getComputedStyle(document.documentElement).getPropertyValue('--jp-layout-color0') === '') {
    addStyle(labVariablesCss);
  }
  const states = document.querySelectorAll(`script[type="${STATE}"]`);
  await Promise.all(Array.from(states).map(renderState));
}

if (!window._jupyter_widget_embedder) {
  window._jupyter_widget_embedder = true;
  if (document.readyState === 'complete') {
    renderAll();
  } else {
    window.addEventListener('load', renderAll);
  }
}
