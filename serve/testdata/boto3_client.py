"""Drives dplint serve with boto3: every control-plane call, the
paginators, and the error classes. Prints one JSON summary for the Go test
(serve/clients_test.go) to check. Usage: python3 boto3_client.py URL DEF.json"""
import json
import sys

import boto3

url, definition_path = sys.argv[1], sys.argv[2]
dp = boto3.client("datapipeline", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="local", aws_secret_access_key="local")
out = {}

ids = [dp.create_pipeline(name="p%d" % i, uniqueId="u%d" % i)["pipelineId"] for i in range(5)]
out["idempotent"] = dp.create_pipeline(name="p0", uniqueId="u0")["pipelineId"] == ids[0]

listed = []
pages = 0
for page in dp.get_paginator("list_pipelines").paginate():
    pages += 1
    listed += [p["id"] for p in page["pipelineIdList"]]
out["listed"] = listed == ids
out["list_pages"] = pages

with open(definition_path) as f:
    api = json.load(f)
put = dp.put_pipeline_definition(pipelineId=ids[0], **api)
out["put_errored"] = put["errored"]
got = dp.get_pipeline_definition(pipelineId=ids[0])
out["get_same"] = got["pipelineObjects"] == api["pipelineObjects"]
bad = dp.validate_pipeline_definition(pipelineId=ids[0], pipelineObjects=[
    {"id": "Default", "name": "Default", "fields": [{"key": "scheduleType", "stringValue": "ondemand"}]},
    {"id": "A", "name": "A", "fields": [{"key": "type", "stringValue": "ShellCommandActivty"}]},
])
out["validate_errors"] = [e["id"] for e in bad["validationErrors"]]

ids_all = [o["id"] for o in api["pipelineObjects"]]
described = []
for page in dp.get_paginator("describe_objects").paginate(pipelineId=ids[0], objectIds=ids_all):
    described += [o["id"] for o in page["pipelineObjects"]]
out["described"] = described == ids_all
queried = []
for page in dp.get_paginator("query_objects").paginate(pipelineId=ids[0], sphere="COMPONENT", PaginationConfig={"PageSize": 2}):
    queried += page["ids"]
out["queried"] = queried == ids_all

dp.activate_pipeline(pipelineId=ids[0])
state = {f["key"]: f["stringValue"] for f in
         dp.describe_pipelines(pipelineIds=[ids[0]])["pipelineDescriptionList"][0]["fields"]}
out["state"] = state["@pipelineState"]
out["evaluated"] = dp.evaluate_expression(pipelineId=ids[0], objectId="Greet", expression="#{myGreeting}")["evaluatedExpression"]
dp.add_tags(pipelineId=ids[0], tags=[{"key": "k", "value": "v"}])
dp.remove_tags(pipelineId=ids[0], tagKeys=["k"])
dp.set_status(pipelineId=ids[0], objectIds=["Greet"], status="PAUSE")
dp.deactivate_pipeline(pipelineId=ids[0])
dp.delete_pipeline(pipelineId=ids[1])

errors = {}
for name, call in {
    "deleted": lambda: dp.describe_pipelines(pipelineIds=[ids[1]]),
    "not_found": lambda: dp.delete_pipeline(pipelineId=ids[1]),
    "invalid": lambda: dp.get_pipeline_definition(pipelineId=ids[0], version="first"),
}.items():
    try:
        call()
        errors[name] = None
    except dp.exceptions.PipelineDeletedException:
        errors[name] = "PipelineDeletedException"
    except dp.exceptions.PipelineNotFoundException:
        errors[name] = "PipelineNotFoundException"
    except dp.exceptions.InvalidRequestException:
        errors[name] = "InvalidRequestException"
out["errors"] = errors
print(json.dumps(out, sort_keys=True))
