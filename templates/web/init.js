// govuk-frontend's components (error summaries take focus, the menu folds on a phone); the pages work without it
import { initAll } from "./govuk-frontend.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
