import { html } from "./html.ts";
import { layout } from "./layout.ts";

export function thankYouPage(partnerName: string): string {
  return layout(
    "Thank you",
    html`<h1>Thank you!</h1>
<p>Your answers about ${partnerName} were recorded. Your feedback is anonymous: ${partnerName} sees only
combined results, never who answered.</p>
<p>You can close this page now.</p>`,
  );
}

export function optedOutPage(): string {
  return layout(
    "You will not be asked again",
    html`<h1>You will not be asked again</h1>
<p>We will not send you any more PowerCard surveys or reminders about this company.</p>`,
  );
}

const ERROR_TEXT: Record<string, { title: string; text: string }> = {
  SURVEY_LINK_UNKNOWN: {
    title: "This survey link does not work",
    text: "We could not find this survey. Please check that you opened or copied the whole link from your message.",
  },
  SURVEY_LINK_EXPIRED: {
    title: "This survey has closed",
    text: "The survey this link belongs to is closed, so it no longer accepts answers. Thank you for your time.",
  },
  SURVEY_ALREADY_ANSWERED: {
    title: "This survey was already answered",
    text: "Answers have already been submitted with this link. Each link can be used once.",
  },
};

const FALLBACK = {
  title: "Something went wrong",
  text: "We could not show this survey right now. Please try again in a few minutes.",
};

/** The page for a problem code; unknown codes (server errors) get a generic apology. */
export function errorPage(code: string): string {
  const message = ERROR_TEXT[code] ?? FALLBACK;
  return layout(message.title, html`<h1>${message.title}</h1><p>${message.text}</p>`);
}
