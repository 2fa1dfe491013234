/**
 * The partner's lead pipeline: new → contacted → meeting scheduled → proposal → won, and lost from any open stage.
 * Won and lost are final. Only these moves are allowed; anything else is refused with the moves that are.
 */
export const LEAD_STAGES = ["new", "contacted", "meeting_scheduled", "proposal", "won", "lost"] as const;
export type LeadStageName = (typeof LEAD_STAGES)[number];

export const OPEN_STAGES: readonly LeadStageName[] = ["new", "contacted", "meeting_scheduled", "proposal"];

const NEXT: Record<LeadStageName, readonly LeadStageName[]> = {
  new: ["contacted", "lost"],
  contacted: ["meeting_scheduled", "lost"],
  meeting_scheduled: ["proposal", "lost"],
  proposal: ["won", "lost"],
  won: [],
  lost: [],
};

export function allowedNextStages(from: LeadStageName): readonly LeadStageName[] {
  return NEXT[from];
}

export function canMove(from: LeadStageName, to: LeadStageName): boolean {
  return NEXT[from].includes(to);
}

export function isClosed(stage: LeadStageName): boolean {
  return stage === "won" || stage === "lost";
}
