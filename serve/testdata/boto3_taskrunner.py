"""A task runner written with boto3, run against dplint serve: polls its
worker group, acknowledges each task, fails the first attempt of each
instance and finishes the retry, then reports what it saw as JSON for the
Go test (serve/runtime_clients_test.go). Usage:
python3 boto3_taskrunner.py URL PIPELINE_ID WORKER_GROUP"""
import json
import sys

import boto3

url, pipeline_id, worker_group = sys.argv[1], sys.argv[2], sys.argv[3]
dp = boto3.client("datapipeline", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="local", aws_secret_access_key="local")
seen = []
for _ in range(50):
    task = dp.poll_for_task(workerGroup=worker_group, hostname="boto3-runner").get("taskObject")
    if not task:
        break
    attempt = task["objects"][task["attemptId"]]
    command = [f.get("stringValue") for f in attempt["fields"] if f["key"] == "command"][0]
    if dp.report_task_progress(taskId=task["taskId"])["canceled"]:
        continue
    hb = dp.report_task_runner_heartbeat(taskrunnerId="r1", workerGroup=worker_group, hostname="boto3-runner")
    first = task["attemptId"].endswith("_Attempt=1")
    if first:
        dp.set_task_status(taskId=task["taskId"], taskStatus="FAILED", errorId="E1", errorMessage="first try fails")
    else:
        dp.set_task_status(taskId=task["taskId"], taskStatus="FINISHED")
    seen.append({"attempt": task["attemptId"], "command": command, "terminate": hb["terminate"], "failed": first})
try:
    dp.set_task_status(taskId="df-none.0", taskStatus="FINISHED")
    missing = "no error"
except dp.exceptions.TaskNotFoundException as e:
    missing = e.response["Error"]["Code"]
finished = dp.query_objects(pipelineId=pipeline_id, sphere="INSTANCE", query={"selectors": [
    {"fieldName": "@status", "operator": {"type": "EQ", "values": ["FINISHED"]}}]})["ids"]
attempts = []
for page in dp.get_paginator("query_objects").paginate(pipelineId=pipeline_id, sphere="ATTEMPT"):
    attempts += page["ids"]
print(json.dumps({"seen": seen, "missing": missing, "finished": finished, "attempts": len(attempts)}, sort_keys=True))
