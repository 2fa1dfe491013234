/** The six deployable services. These names are persistent: folder, package, image, Helm key, OTel name. */
export const SERVICE_NAMES = ["gateway", "partner", "survey", "scoring", "matching", "notification"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
