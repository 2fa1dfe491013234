import type { Components, ContractorNeeds, PartnerOffer } from "./match-score.ts";
import { NATIONAL_FIT } from "./match-score.ts";
import { NATIONAL } from "./regions.ts";

/** Sentences shown with a match, most important component first, so a contractor can see why a partner is listed. */
export function describeMatch(needs: ContractorNeeds, offer: PartnerOffer, components: Components): string[] {
  const reasons: string[] = [];
  const sharedFocus = [...needs.focusAreas].filter((area) => offer.focusAreas.has(area));
  reasons.push(`Covers ${sharedFocus.length} of your ${needs.focusAreas.size} focus areas: ${sharedFocus.join(", ")}`);

  if (offer.revenueTiers.size === 0) reasons.push("Has not stated which revenue bands it serves");
  else if (components.revenue === 1) reasons.push(`Serves companies in your revenue band (${needs.revenueTier})`);
  else if (components.revenue > 0) reasons.push(`Serves a revenue band next to yours (${needs.revenueTier})`);
  else reasons.push(`Usually serves companies of a different size than yours (${needs.revenueTier})`);

  if (offer.serviceRegions.size === 0) reasons.push("Has not stated where it works");
  else if (components.geography === 1) reasons.push(`Works in your state (${needs.state})`);
  else if (components.geography === NATIONAL_FIT && offer.serviceRegions.has(NATIONAL)) {
    reasons.push("Works nationwide");
  } else reasons.push(`Does not list your state (${needs.state}) among its regions`);

  if (needs.capabilitiesNeeded.size === 0) reasons.push("You listed no specific capabilities");
  else {
    const offered = [...needs.capabilitiesNeeded].filter((capability) => offer.capabilities.has(capability));
    const list = offered.length > 0 ? `: ${offered.join(", ")}` : "";
    reasons.push(`Offers ${offered.length} of the ${needs.capabilitiesNeeded.size} capabilities you need${list}`);
  }

  if (offer.pcrScore !== null) reasons.push(`PowerConfidence Rating ${offer.pcrScore.toFixed(2)}`);
  else reasons.push("No PowerConfidence Rating yet");
  return reasons;
}
