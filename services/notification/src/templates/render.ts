import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";

/** Message templates: one set of files per template name (subject, html, text for e-mail; sms for SMS). */
export const TEMPLATES = [
  "survey_invitation",
  "survey_reminder",
  "welcome",
  "partner_approved",
  "report",
  "webhook_disabled",
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const root = fileURLToPath(new URL(".", import.meta.url));
// HTML output escapes every variable (a company name cannot inject markup); text and SMS output must not.
const htmlEngine = new Liquid({
  root,
  extname: ".liquid",
  outputEscape: "escape",
  strictVariables: false,
  cache: true,
});
const textEngine = new Liquid({ root, extname: ".liquid", strictVariables: false, cache: true });

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail(template: TemplateName, variables: Record<string, unknown>): Promise<RenderedEmail> {
  const subject = (await textEngine.renderFile(`${template}.subject.liquid`, variables)).trim();
  const scope = { ...variables, subject };
  const [html, text] = await Promise.all([
    htmlEngine.renderFile(`${template}.html.liquid`, scope),
    textEngine.renderFile(`${template}.text.liquid`, scope),
  ]);
  return { subject, html: html.trim(), text: text.trim() };
}

export async function renderSms(template: TemplateName, variables: Record<string, unknown>): Promise<string> {
  return (await textEngine.renderFile(`${template}.sms.liquid`, variables)).trim().replace(/\s+/g, " ");
}
