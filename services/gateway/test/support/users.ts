import type { HttpServer } from "@tpx/service-kit";

export const PASSWORD = "correct horse battery staple";

export interface SignedUp {
  userId: string;
  accessToken: string;
  refreshToken: string;
  cookies: Record<string, string>;
}

let counter = 0;

export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now()}-${counter}@example.com`;
}

export function cookiesOf(response: { cookies: { name: string; value: string }[] }): Record<string, string> {
  return Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
}

export async function signUp(
  app: HttpServer,
  role: "partner" | "contractor",
  overrides: Record<string, unknown> = {},
): Promise<SignedUp> {
  const response = await app.inject({
    method: "POST",
    url: "/api/gateway/auth/signup",
    payload: {
      email: uniqueEmail(role),
      password: PASSWORD,
      role,
      ...(role === "partner" ? { companyName: "Acme Roofing Supply" } : {}),
      ...overrides,
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return {
    userId: body.user.id,
    accessToken: body.session.accessToken,
    refreshToken: body.session.refreshToken,
    cookies: cookiesOf(response),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
