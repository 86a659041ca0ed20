import { createAgenticBackend } from './backend';

createAgenticBackend().start();
