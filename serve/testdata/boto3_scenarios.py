"""The runtime's scenarios driven by boto3, as a task runner and an
operator's script would drive dplint serve (started by the Go test,
serve/runtime_clients_test.go, with a manual clock): a daily cron
pipeline's backfill, a failing run retried then failed with its SnsAlarm
in the outbox, a precondition that answers FALSE then holds, a task whose
runner goes quiet handed out again, and a cascade failure. Prints one JSON
summary. Usage: python3 boto3_scenarios.py URL DAILY.json CHAIN.json"""
import json
import sys
import urllib.request

import boto3

url, daily_path, chain_path = sys.argv[1:4]
dp = boto3.client("datapipeline", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="local", aws_secret_access_key="local")
out = {}


def advance(duration):
    req = urllib.request.Request(url + "/_dplint/clock", data=json.dumps({"advance": duration}).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)["now"]


def activated(name, path):
    pid = dp.create_pipeline(name=name, uniqueId=name)["pipelineId"]
    with open(path) as f:
        dp.put_pipeline_definition(pipelineId=pid, **json.load(f))
    dp.activate_pipeline(pipelineId=pid)
    return pid


def poll():
    return dp.poll_for_task(workerGroup="wg", hostname="boto3").get("taskObject")


def field(task, key):
    attempt = task["objects"][task["attemptId"]]
    return [f.get("stringValue") for f in attempt["fields"] if f["key"] == key][0]


def instances(pid, status):
    return dp.query_objects(pipelineId=pid, sphere="INSTANCE", query={"selectors": [
        {"fieldName": "@status", "operator": {"type": "EQ", "values": [status]}}]})["ids"]


# A daily cron pipeline three days into a backfill, then the next day.
daily = activated("daily", daily_path)
runs = []
task = poll()
while task:
    runs.append(field(task, "command"))
    dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
    task = poll()
out["backfill"] = runs
out["clock"] = advance("24h")
task = poll()
out["next_day"] = field(task, "command")
dp.set_task_status(taskId=task["taskId"], taskStatus="FAILED", errorId="E1", errorMessage="disk full")
out["retry_before_delay"] = poll() is not None
advance("2m")
retry = poll()
out["retry"] = retry["attemptId"]
dp.set_task_status(taskId=retry["taskId"], taskStatus="FAILED", errorMessage="disk still full")
out["failed"] = instances(daily, "FAILED")
with urllib.request.urlopen(url + "/_dplint/outbox") as resp:
    out["outbox"] = [m["fields"]["subject"] for m in json.load(resp)["messages"]]

# A precondition, a quiet runner and a cascade.
chain = activated("chain", chain_path)
check = poll()
out["check"] = check["attemptId"]
dp.set_task_status(taskId=check["taskId"], taskStatus="FALSE")
out["extract_before_check"] = poll() is not None
advance("5m")
check = poll()
out["second_check"] = check["attemptId"]
dp.set_task_status(taskId=check["taskId"], taskStatus="FINISHED")
lost = poll()
advance("2m")
again = poll()
out["handed_again"] = again["attemptId"] == lost["attemptId"] and again["taskId"] != lost["taskId"]
try:
    dp.report_task_progress(taskId=lost["taskId"])
    out["lost_task"] = "accepted"
except dp.exceptions.TaskNotFoundException as e:
    out["lost_task"] = e.response["Error"]["Code"]
dp.set_task_status(taskId=again["taskId"], taskStatus="FAILED", errorMessage="no data")
out["cascade"] = instances(chain, "CASCADE_FAILED")
print(json.dumps(out, sort_keys=True))
