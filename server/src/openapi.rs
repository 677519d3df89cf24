//! The OpenAPI 3.1 document of the JSON API, built from code. Each [`Operation`] names its path
//! (a constant of `tepat_protocol::routes`) and the Rust types it reads and answers; their JSON
//! Schemas come from `schemars` derives on the wire types (the protocol crates' `openapi`
//! feature, which only the server enables), so serde's renames, tags, defaults and skips are the
//! document's. The table itself is `routes::openapi::OPERATIONS`.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

/// Makes the schema of one type, registering the types it names under `components/schemas`.
pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// The schema of `T`: a `$ref` for a named type, inline for a plain one.
pub fn schema<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// The object schema of `T` itself (never a `$ref`): the shape a query struct is read from.
pub fn object<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    T::json_schema(generator)
}

/// What a request carries in its body.
pub enum Request {
    /// Nothing.
    None,
    /// A JSON body of this type (a postcard envelope is accepted too, see `wire::Body`).
    Json(SchemaFn),
    /// Raw bytes (a chunk of a file, a CSV or XLSX file).
    Bytes,
}

/// What a successful answer carries.
pub enum Response {
    /// 200 with a JSON body of this type (postcard when `Accept` asks for it).
    Json(SchemaFn),
    /// 200 with JSON, or with a file in one of these media types when `?format=` asks for one.
    JsonOrFile(SchemaFn, &'static [&'static str]),
    /// 200 with a file in one of these media types.
    File(&'static [&'static str]),
    /// 200 with a short plain text.
    Text,
    /// 204 without a body.
    Empty,
}

/// One method on one path.
pub struct Operation {
    /// `GET`, `POST` or `PUT`, as in `routes::ALL`.
    pub method: &'static str,
    /// The path template, a constant of `tepat_protocol::routes`.
    pub path: &'static str,
    /// A unique, stable name.
    pub id: &'static str,
    /// One line on what it does and who may.
    pub summary: &'static str,
    /// The group it is listed under.
    pub tag: &'static str,
    /// Answered without a session.
    pub public: bool,
    /// Structs whose fields are the query parameters (all optional unless the struct needs them).
    pub query: &'static [SchemaFn],
    /// The body.
    pub request: Request,
    /// The successful answer.
    pub response: Response,
    /// The error statuses the handler answers, each with an [`tepat_protocol::ApiError`].
    pub errors: &'static [u16],
}

/// What an error status means, for the document.
fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Invalid input: unreadable JSON or query, a bad value (the message says which).",
        401 => "Not logged in, the session expired, or wrong username or password.",
        403 => "The role may not do this, or the region is outside the user's scope.",
        404 => "No such record, or not one the user may see.",
        409 => {
            "The step or change is refused in the record's present state (the message says why)."
        }
        413 => "The body or file is too large.",
        429 => "Too many login attempts: wait the minutes the message names.",
        _ => "Error.",
    }
}

/// The header text of the document.
const DESCRIPTION: &str = "The JSON API of Tepat, generated from the server's code. Every \
route answers JSON unless `Accept` asks for `application/x-tepat-postcard` (the web app's \
versioned postcard envelope); JSON request bodies go with `Content-Type: application/json`. \
Errors are an `ApiError` (a stable `code` and an Indonesian `message` that says what to fix). \
Log in with `POST /api/v1/auth/login`; the answer sets the HttpOnly session cookie \
`tepat_session`, which every other route except the public ones needs. Files (photos, musdes \
evidence, case files, import files) go up in chunks as `application/octet-stream` with \
`?offset=&total=`; the sync routes carry opaque field writes as byte arrays and are meant for \
the field tablets.";

/// The whole document for `operations`, with `version` as the API's version.
pub fn document(operations: &[Operation], version: &str) -> Value {
    let settings = SchemaSettings::draft2020_12().with(|s| {
        s.definitions_path = "/components/schemas".into();
        s.meta_schema = None;
    });
    let mut generator = SchemaGenerator::new(settings);
    let error_schema = generator.subschema_for::<tepat_protocol::ApiError>();
    let mut paths = Map::new();
    for op in operations {
        let entry = paths
            .entry(op.path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        let operation = operation(op, &mut generator, &error_schema);
        entry
            .as_object_mut()
            .expect("a path item is an object")
            .insert(op.method.to_lowercase(), operation);
    }
    let schemas = generator.take_definitions(true);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Tepat API",
            "version": version,
            "description": DESCRIPTION,
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" },
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": tepat_protocol::routes::SESSION_COOKIE,
                    "description": "The session cookie set by POST /api/v1/auth/login.",
                },
            },
        },
        "security": [{ "session": [] }],
    })
}

fn operation(op: &Operation, generator: &mut SchemaGenerator, error: &Schema) -> Value {
    let mut parameters: Vec<Value> = path_parameters(op.path);
    for query in op.query {
        parameters.extend(query_parameters(query(generator)));
    }
    let mut responses = Map::new();
    let (status, success) = success(&op.response, generator);
    responses.insert(status.to_string(), success);
    for &status in op.errors {
        responses.insert(
            status.to_string(),
            json!({
                "description": error_description(status),
                "content": { "application/json": { "schema": error } },
            }),
        );
    }
    let mut out = json!({
        "operationId": op.id,
        "summary": op.summary,
        "tags": [op.tag],
        "responses": responses,
    });
    let object = out.as_object_mut().expect("an operation is an object");
    if !parameters.is_empty() {
        object.insert("parameters".into(), Value::Array(parameters));
    }
    match &op.request {
        Request::None => {}
        Request::Json(body) => {
            object.insert(
                "requestBody".into(),
                json!({
                    "required": true,
                    "content": { "application/json": { "schema": body(generator) } },
                }),
            );
        }
        Request::Bytes => {
            object.insert(
                "requestBody".into(),
                json!({
                    "required": true,
                    "content": { "application/octet-stream": {
                        "schema": { "type": "string", "contentMediaType": "application/octet-stream" },
                    } },
                }),
            );
        }
    }
    if op.public {
        object.insert("security".into(), json!([]));
    }
    out
}

/// The successful status and its response object.
fn success(response: &Response, generator: &mut SchemaGenerator) -> (u16, Value) {
    let file = |media: &[&str]| -> Map<String, Value> {
        media
            .iter()
            .map(|m| {
                let schema = json!({ "type": "string", "contentMediaType": m });
                ((*m).to_owned(), json!({ "schema": schema }))
            })
            .collect()
    };
    match response {
        Response::Json(body) => (
            200,
            json!({
                "description": "OK",
                "content": { "application/json": { "schema": body(generator) } },
            }),
        ),
        Response::JsonOrFile(body, media) => {
            let mut content = file(media);
            content.insert(
                "application/json".into(),
                json!({ "schema": body(generator) }),
            );
            (200, json!({ "description": "OK", "content": content }))
        }
        Response::File(media) => (200, json!({ "description": "OK", "content": file(media) })),
        Response::Text => (
            200,
            json!({
                "description": "OK",
                "content": { "text/plain": { "schema": { "type": "string" } } },
            }),
        ),
        Response::Empty => (204, json!({ "description": "Done; no body." })),
    }
}

/// `{name}` segments of a path template as required string parameters.
fn path_parameters(path: &str) -> Vec<Value> {
    path.split('/')
        .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            let schema = match name {
                "hash" => json!({ "type": "string", "pattern": "^[0-9a-f]{64}$" }),
                "id" => json!({ "type": "string", "format": "uuid" }),
                "programme" => json!({ "type": "string", "enum": ["PKH", "BPNT"] }),
                _ => json!({ "type": "string" }),
            };
            json!({ "name": name, "in": "path", "required": true, "schema": schema })
        })
        .collect()
}

/// The properties of a query struct's object schema as query parameters. An `Option` field is
/// simply absent when not given, so its `null` alternative is dropped.
fn query_parameters(schema: Schema) -> Vec<Value> {
    let value = schema.to_value();
    let required: Vec<&str> = value["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = value["properties"].as_object() else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            let mut property = property.clone();
            let description = property.as_object_mut().and_then(|p| {
                if p.get("default") == Some(&Value::Null) {
                    p.remove("default");
                }
                p.remove("description")
            });
            let mut parameter = json!({
                "name": name,
                "in": "query",
                "required": required.contains(&name.as_str()),
                "schema": without_null(property),
            });
            if let Some(description) = description {
                parameter["description"] = description;
            }
            parameter
        })
        .collect()
}

/// `{"type": ["string", "null"]}` as `{"type": "string"}`; `anyOf: [X, {"type": "null"}]` as X.
fn without_null(mut schema: Value) -> Value {
    if let Some(types) = schema["type"].as_array() {
        let kept: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        schema["type"] = match kept.len() {
            1 => kept[0].clone(),
            _ => Value::Array(kept),
        };
    }
    if let Some(any_of) = schema.get("anyOf").and_then(Value::as_array) {
        let kept: Vec<&Value> = any_of
            .iter()
            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if kept.len() == 1 {
            let mut only = kept[0].clone();
            if let (Some(only), Some(outer)) = (only.as_object_mut(), schema.as_object()) {
                for (key, value) in outer {
                    if key != "anyOf" {
                        only.entry(key.clone()).or_insert_with(|| value.clone());
                    }
                }
            }
            return only;
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optional_query_value_loses_its_null() {
        assert_eq!(
            without_null(json!({ "type": ["string", "null"] })),
            json!({ "type": "string" })
        );
        assert_eq!(
            without_null(json!({ "anyOf": [{ "$ref": "#/x" }, { "type": "null" }], "default": 1 })),
            json!({ "$ref": "#/x", "default": 1 })
        );
        assert_eq!(
            without_null(json!({ "type": "integer" })),
            json!({ "type": "integer" })
        );
    }

    #[test]
    fn path_templates_give_required_parameters() {
        let params = path_parameters("/api/v1/cases/{id}/files/{hash}");
        let names: Vec<&str> = params.iter().filter_map(|p| p["name"].as_str()).collect();
        assert_eq!(names, ["id", "hash"]);
        assert!(params.iter().all(|p| p["required"] == json!(true)));
        assert_eq!(params[0]["schema"]["format"], "uuid");
    }
}
