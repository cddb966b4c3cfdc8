// Progressive enhancement: GOV.UK Frontend's components (error summary focus, password
// reveal, navigation toggle). Every page works without it.
import { initAll } from './govuk-frontend.min.js';

initAll();
