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
    // The build refuses widgets from other modules (book/_ext/local_assets.py), so this
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
