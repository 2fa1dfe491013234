import { type HttpServer, requireRole } from "@tpx/service-kit";
import type { SurveyDeps } from "../../deps.ts";
import { listTemplates, loadTemplate } from "../../repositories/template.repository.ts";
import { archiveTemplate, createTemplate, updateTemplate } from "../../usecases/save-template.ts";
import {
  CreateTemplateBody,
  ListTemplatesQuery,
  TemplateListResponse,
  TemplateParams,
  TemplateQuery,
  TemplateResponse,
  UpdateTemplateBody,
} from "./schemas.ts";

/** Admin CRUD of PowerCard templates; changing questions creates a new version. */
export function registerTemplateRoutes(app: HttpServer, deps: SurveyDeps): void {
  const admin = requireRole("admin");
  app.get(
    "/admin/templates",
    { preHandler: admin, schema: { querystring: ListTemplatesQuery, response: { 200: TemplateListResponse } } },
    async (request) => ({ items: await listTemplates(deps.db, request.query) }),
  );
  app.get(
    "/admin/templates/:id",
    {
      preHandler: admin,
      schema: { params: TemplateParams, querystring: TemplateQuery, response: { 200: TemplateResponse } },
    },
    async (request) => loadTemplate(deps.db, request.params.id, request.query.version),
  );
  app.post(
    "/admin/templates",
    { preHandler: admin, schema: { body: CreateTemplateBody, response: { 201: TemplateResponse } } },
    async (request, reply) => reply.status(201).send(await createTemplate(deps.db, request.body)),
  );
  app.patch(
    "/admin/templates/:id",
    {
      preHandler: admin,
      schema: { params: TemplateParams, body: UpdateTemplateBody, response: { 200: TemplateResponse } },
    },
    async (request) => updateTemplate(deps.db, request.params.id, request.body),
  );
  app.delete(
    "/admin/templates/:id",
    { preHandler: admin, schema: { params: TemplateParams } },
    async (request, reply) => {
      await archiveTemplate(deps.db, request.params.id);
      return reply.status(204).send();
    },
  );
}
