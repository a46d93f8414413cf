import { openStore } from '../../store/open-store.js';
export const probe = openStore;
