package rules

import (
	"fmt"
	"strings"
)

// Examples: for every rule, a small definition that triggers it. They are
// part of the rules' metadata: docs/rules.md shows each with what dplint
// says about it, and a test lints each and requires its rule to fire.
const exampleDefault = `{"id": "Default", "scheduleType": "ondemand", "role": "DataPipelineDefaultRole", "resourceRole": "DataPipelineDefaultResourceRole", "pipelineLogUri": "s3://my-logs/"}`

func example(objects ...string) string {
	return "{\"objects\": [\n  " + strings.Join(append([]string{exampleDefault}, objects...), ",\n  ") + "\n]}\n"
}

const (
	exWorker = `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour"}`
	exHello  = `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo hello", "runsOn": {"ref": "Worker"}}`
)

func manyObjects(n int) string {
	objs := make([]string, n)
	for i := range objs {
		objs[i] = fmt.Sprintf(`{"id": "Step%d", "type": "ShellCommandActivity", "command": "echo %d", "workerGroup": "wg"}`, i, i)
	}
	return example(objs...)
}

func manyFields(n int) string {
	var b strings.Builder
	b.WriteString(`{"id": "Wide", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg"`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `, "myField%d": "x"`, i)
	}
	return example(b.String() + "}")
}

// cfnExample is a CloudFormation template whose one pipeline has the
// example's Default and the given extra YAML: properties, then objects.
func cfnExample(props, objects string) string {
	return `Resources:
  Nightly:
    Type: AWS::DataPipeline::Pipeline
    Properties:
      Name: nightly
` + props + `      PipelineObjects:
        - Id: Default
          Name: Default
          Fields:
            - {Key: scheduleType, StringValue: ondemand}
            - {Key: role, StringValue: DataPipelineDefaultRole}
            - {Key: resourceRole, StringValue: DataPipelineDefaultResourceRole}
            - {Key: pipelineLogUri, StringValue: "s3://my-logs/"}
            - {Key: workerGroup, StringValue: wg}
` + objects
}

// ExampleFile is the file name the rule's example is linted under, which
// tells its format: example.json, example.yaml or example.tf.
func (r *Rule) ExampleFile() string {
	switch {
	case strings.HasPrefix(r.Example, "resource "):
		return "example.tf"
	case strings.Contains(r.Example, "Type: AWS::DataPipeline::Pipeline"):
		return "example.yaml"
	}
	return "example.json"
}

var examples = map[string]string{
	"DP9001": "Resources:\n  Nightly:\n    Type: AWS::DataPipeline::Pipeline\n    Properties:\n      Name: [nightly\n",
	"DP9002": cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, tringValue: echo hello}
`),
	"DP9003": cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: echo hello}
            - {Key: maximumRetries, StringValue: 3}
`),
	"DP9004": cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: echo hello}
            - {Key: runsOn, RefValue: !ImportValue SharedWorker}
`),
	"DP9005": cfnExample("      Activate: yes please\n", ""),
	"DP9006": "Conditions:\n  Prod: !Equals [!Ref \"AWS::Region\", us-east-1]\n" + cfnExample("", `        - !If
          - Prod
          - Id: Hello
            Name: Hello
            Fields:
              - {Key: type, StringValue: ShellCommandActivity}
              - {Key: command, StringValue: echo hello}
          - !Ref AWS::NoValue
`),
	"DP9007": cfnExample("", `        - Id: Hello
          Name: Hello
          Fields:
            - {Key: type, StringValue: ShellCommandActivity}
            - {Key: command, StringValue: !Sub "echo ${Enviroment}"}
`),
	"DP0001": "{\"objects\": [\n  {\"id\": \"Default\", \"scheduleType\": \"ondemand\",},\n]}\n",
	"DP0002": example(`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo one", "command": "echo two", "workerGroup": "wg"}`),
	"DP0003": "\ufeff" + example(),
	"DP0004": "{\"objects\": [{\"id\": \"Default\", \"myNote\": \"caf\xe9\"}]}\n",
	"DP0005": example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "${hours} Hours"}`),
	"DP0006": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "dependsOn": {"ref": "Elsewhere"}, "myDplintIgnore": "DP2010 defined in another file"}`),
	"DP8001": example(exWorker, exHello),
	"DP8002": example(exWorker, exHello),
	"DP1001": "{\"Objects\": [\n  " + exampleDefault + "\n]}\n",
	"DP1002": example(`{"type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg"}`),
	"DP1003": example(`{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "workerGroup": "wg", "maximumRetries": 3}`),
	"DP1004": `{"pipelineObjects": [{"id": "Default", "fields": [{"key": "scheduleType", "stringValue": "ondemand"}]}]}` + "\n",
	"DP1005": example(exWorker, exHello, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo again", "runsOn": {"ref": "Worker"}}`),
	"DP1006": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "workerGroup": ""}`),
	"DP1101": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivty", "command": "echo hello", "runsOn": {"ref": "Worker"}}`),
	"DP1102": example(`{"id": "Orphan", "command": "echo"}`),
	"DP1103": example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "instanceTyp": "t3.micro"}`),
	"DP1104": example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "@status": "RUNNING"}`),
	"DP1105": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}}`),
	"DP1106": `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startAt": "FIRST_ACTIVATION_DATE_TIME", "startDateTime": "2026-01-01T00:00:00"}
]}
`,
	"DP1107": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": ["echo a", "echo b"], "runsOn": {"ref": "Worker"}}`),
	"DP1108": example(exHello, `{"id": "Worker", "type": "Ec2Resource", "terminateAfter": "1 Hour", "actionOnTaskFailure": "stop"}`),
	"DP1109": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "maximumRetries": "three"}`),
	"DP2001": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "worker"}}`),
	"DP2002": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": "Worker"}`),
	"DP2003": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": {"ref": "Worker"}, "runsOn": {"ref": "Worker"}}`),
	"DP2004": `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "DefaultSchedule"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "DefaultSchedule", "type": "Default", "period": "1 Day", "startAt": "FIRST_ACTIVATION_DATE_TIME"}
]}
`,
	"DP2005": example(`{"id": "A", "type": "ShellCommandActivity", "command": "echo a", "workerGroup": "wg", "dependsOn": {"ref": "B"}}`,
		`{"id": "B", "type": "ShellCommandActivity", "command": "echo b", "workerGroup": "wg", "dependsOn": {"ref": "A"}}`),
	"DP2006": example(exWorker, exHello, `{"id": "Spare", "type": "Ec2Resource", "terminateAfter": "1 Hour"}`),
	"DP3001": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{format(@scheduledStartTime, 'YYYY')"}`),
	"DP3002": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{fromat(@scheduledStartTime, 'YYYY')}"}`),
	"DP3003": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{minusDays(@scheduledStartTime, 'one')}"}`),
	"DP3004": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "#{myWorker}"}}`),
	"DP3005": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{@scheduledStartTme}"}`),
	"DP3006": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "command": "echo #{format(@scheduledStartTime, 'YYYY-MM-dd Thh')}"}`),
	"DP3007": `{"objects": [` + exampleDefault + `, ` + exWorker + `, {"id": "Hello", "type": "ShellCommandActivity", "runsOn": {"ref": "Worker"}, "scriptUri": "#{myScripts}/run.sh"}], "parameters": [{"id": "myScripts", "type": "AWS::S3::ObjectKey"}], "values": {"myScripts": "s3://my-scripts"}}` + "\n",
	"DP3008": `{"objects": [` + `{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"}` +
		`, {"id": "Daily", "type": "Schedule", "period": "#{myPeriod}", "startDateTime": "#{myStart}"}], "parameters": [{"id": "myPeriod", "type": "String"}, {"id": "myStart", "type": "String"}], "values": {"myPeriod": "daily", "myStart": "2026-01-01T00:00:00"}}` + "\n",
	"DP4001": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "attemptTimeout": "90 mins"}`),
	"DP4002": `{"objects": [
  {"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2026-01-01 00:00"}
]}
`,
	"DP4003": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "scheduleType": "cron"}`),
	"DP4004": `{"objects": [
  {"id": "Default", "scheduleType": "cron", "failureAndRerunMode": "CASCADE", "schedule": {"ref": "Daily"}, "pipelineLogUri": "s3://my-logs/"},
  {"id": "Daily", "type": "Schedule", "period": "1 day", "startDateTime": "2020-01-01T00:00:00"}
]}
`,
	"DP5001": example(`{"id": "Worker", "type": "Ec2Resource"}`, exHello),
	"DP5002": "{\"objects\": [\n  {\"id\": \"Default\", \"scheduleType\": \"ondemand\"}\n]}\n",
	"DP5003": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "workerGroup": "wg"}`),
	"DP5004": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "stdout": "/tmp/out.log"}`),
	"DP5005": example(exWorker, `{"id": "Hello", "type": "ShellCommandActivity", "command": "echo", "runsOn": {"ref": "Worker"}, "maximumRetries": "9"}`),
	"DP5006": example(`{"id": "Cluster", "type": "EmrCluster", "terminateAfter": "1 Hour"}`,
		`{"id": "In", "type": "S3DataNode", "directoryPath": "s3://my-in/"}`, `{"id": "Out", "type": "S3DataNode", "directoryPath": "s3://my-out/"}`,
		`{"id": "Copy", "type": "HiveCopyActivity", "runsOn": {"ref": "Cluster"}, "input": {"ref": "In"}, "output": {"ref": "Out"}}`),
	"DP6001": `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myInput", "type": "String"}], "values": {"myInput": "a", "myInptu": "b"}}` + "\n",
	"DP6002": `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myCount", "type": "integer"}], "values": {"myCount": "3"}}` + "\n",
	"DP6003": `{"objects": [` + exampleDefault + `], "parameters": [{"id": "inputPath", "type": "AWS::S3::ObjectKey", "descripton": "where to read"}]}` + "\n",
	"DP6005": `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myInput", "type": "AWS::S3::ObjectKey"}], "values": {}}` + "\n",
	"DP6006": `{"objects": [` + exampleDefault + `], "parameters": [{"id": "myCount", "type": "Integer", "allowedValues": ["1", "2"]}], "values": {"myCount": "three"}}` + "\n",
	"DP6007": `{"objects": [` + exampleDefault + `, ` + exWorker + `, ` + exHello + `], "parameters": [{"id": "myUnused", "type": "String", "default": "x"}]}` + "\n",
	"DP6008": example(`{"id": "Db", "type": "RdsDatabase", "rdsInstanceId": "db-1", "username": "admin", "myPassword": "hunter2"}`),
	"DP7001": example(`{"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "` + strings.Repeat("echo hello; ", 860) + `"}`),
	"DP7002": example(`{"id": "Hello", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "echo \u0007"}`),
	"DP7003": manyFields(48),
	"DP7004": example(`{"id": "Big", "type": "ShellCommandActivity", "workerGroup": "wg", "command": "` + strings.Repeat("a", 8000) + `", "myScript": "` + strings.Repeat("b", 8000) + `"}`),
	"DP7005": manyObjects(100),
}

func init() {
	for _, r := range registry {
		r.Example = examples[r.ID]
	}
}
