import type { Audience, Question } from "./questions.ts";

/**
 * The PowerCard templates every installation starts with (seeded idempotently at start under fixed ids).
 * Admins edit them by saving new versions; campaigns already created keep the version they pinned.
 */
export interface DefaultTemplate {
  id: string;
  audience: Audience;
  name: string;
  questions: Question[];
}

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    id: "6f1d2c3a-0000-4000-8000-00000000c001",
    audience: "CUSTOMER",
    name: "PowerCard for customers",
    questions: [
      {
        id: "overall",
        text: "Overall, how satisfied are you with this partner?",
        type: "scale_0_10",
        category: "overall",
        required: true,
      },
      {
        id: "communication",
        text: "How well did they communicate with you?",
        type: "scale_1_5",
        category: "communication",
        required: true,
      },
      { id: "value", text: "How good was the value for money?", type: "scale_1_5", category: "value", required: true },
      {
        id: "results",
        text: "How satisfied are you with the results?",
        type: "scale_1_5",
        category: "results",
        required: true,
      },
      {
        id: "support",
        text: "How responsive was their support when you needed it?",
        type: "scale_1_5",
        category: "support",
        required: false,
      },
      {
        id: "recommend",
        text: "How likely are you to recommend them to a colleague?",
        type: "nps",
        category: "loyalty",
        required: true,
      },
      { id: "again", text: "Would you work with them again?", type: "yes_no", category: "loyalty", required: false },
      {
        id: "improve",
        text: "What could they do better?",
        type: "text",
        category: "improvement",
        required: false,
        maxLength: 1000,
      },
    ],
  },
  {
    id: "6f1d2c3a-0000-4000-8000-00000000e001",
    audience: "EMPLOYEE",
    name: "PowerCard for employees",
    questions: [
      {
        id: "overall",
        text: "Overall, how satisfied are you working here?",
        type: "scale_0_10",
        category: "overall",
        required: true,
      },
      {
        id: "leadership",
        text: "How much do you trust the leadership?",
        type: "scale_1_5",
        category: "leadership",
        required: true,
      },
      {
        id: "communication",
        text: "How well is information shared with you?",
        type: "scale_1_5",
        category: "communication",
        required: true,
      },
      {
        id: "customer_focus",
        text: "How well does the company take care of its customers?",
        type: "scale_1_5",
        category: "results",
        required: true,
      },
      {
        id: "recommend",
        text: "How likely are you to recommend this company as an employer?",
        type: "nps",
        category: "loyalty",
        required: true,
      },
      {
        id: "growth",
        text: "Do you see a future for yourself here?",
        type: "yes_no",
        category: "culture",
        required: false,
      },
      {
        id: "improve",
        text: "What one thing would make the company better?",
        type: "text",
        category: "improvement",
        required: false,
        maxLength: 1000,
      },
    ],
  },
];
