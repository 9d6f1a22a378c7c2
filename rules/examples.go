package rules

// Builders for the rules' documentation examples (each rule's Example is
// in its own file): a Default fit for an on-demand pipeline, and the
// objects most examples need.

import (
	"fmt"
	"strings"
)

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
