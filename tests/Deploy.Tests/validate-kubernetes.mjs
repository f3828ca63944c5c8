// Validates Kubernetes manifests against the Kubernetes API's schemas (kubernetes-models: the OpenAPI definitions
// compiled to validators: types, required fields, enums, formats, int-or-string). Reads multi-document YAML files
// named on the command line, or standard input when the only argument is "-".
// Prints one line per problem, "file#n Kind/name: message", and exits 1 when there is any; 0 otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const problems = [];
let checked = 0;
for (const file of process.argv.slice(2)) {
  const text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  const documents = parseAllDocuments(text);
  for (const [index, document] of documents.entries()) {
    const where = `${file}#${index + 1}`;
    if (document.errors.length > 0) {
      problems.push(`${where}: YAML: ${document.errors.map(e => e.message).join("; ")}`);
      continue;
    }
    const resource = document.toJS();
    if (resource === null || resource === undefined)
      continue;
    const { apiVersion, kind } = resource;
    const name = `${kind}/${resource.metadata?.name ?? "?"}`;
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
      problems.push(`${where}: no apiVersion or kind`);
      continue;
    }
    // A kustomization is kustomize's input, not an API object: its output is validated instead.
    if (apiVersion.startsWith("kustomize.config.k8s.io/"))
      continue;
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== "function") {
      problems.push(`${where} ${name}: ${apiVersion} ${kind} is not a kind of the Kubernetes API`);
      continue;
    }
    try {
      new model(resource).validate();
      checked++;
    } catch (error) {
      problems.push(`${where} ${name}: ${error.message}`);
    }
  }
}
for (const problem of problems)
  console.log(problem);
console.error(`validate-kubernetes: ${checked} resources valid, ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
