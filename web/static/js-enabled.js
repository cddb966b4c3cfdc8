// Runs first in <body>: marks the page as having JavaScript (and GOV.UK Frontend support) before it paints.
document.body.className += ` js-enabled${'noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : ''}`;
