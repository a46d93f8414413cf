import '@picocss/pico/css/pico.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app.js';
import { initI18n } from './i18n/i18n.js';

await initI18n();
render(<App />, document.getElementById('app')!);
