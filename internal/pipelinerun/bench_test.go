package pipelinerun_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/dplint/dplint/definition"
	"github.com/dplint/dplint/internal/pipelinerun"
	"github.com/dplint/dplint/source"
)

// BenchmarkBackfill activates a pipeline of a data node, a precondition, an
// activity and its resource on a 15-minute schedule that started days
// back, and runs every task: the cost per instance should not grow with
// the number of instances (compare days=10 with days=40).
func BenchmarkBackfill(b *testing.B) {
	for _, days := range []int{10, 40} {
		b.Run(fmt.Sprintf("days=%d", days), func(b *testing.B) {
			text := `{"objects": [
				{"id": "Default", "scheduleType": "cron", "schedule": {"ref": "Often"}, "maxActiveInstances": "5"},
				{"id": "Often", "type": "Schedule", "period": "15 minutes", "startDateTime": "2027-01-01T00:00:00"},
				{"id": "Box", "type": "Ec2Resource"},
				{"id": "In", "type": "S3DataNode", "directoryPath": "s3://in/#{@scheduledStartTime}"},
				{"id": "Job", "type": "ShellCommandActivity", "command": "job", "runsOn": {"ref": "Box"}, "input": {"ref": "In"}}
			]}`
			d := definition.Read("p.json", source.Parse("p.json", []byte(text)))
			now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(days) * 24 * time.Hour)
			wg := pipelinerun.ResourceWorkerGroup("df-1", "Box")
			for b.Loop() {
				e, err := pipelinerun.New(pipelinerun.Config{PipelineID: "df-1", Def: d}, nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := e.Activate(now, time.Time{}); err != nil {
					b.Fatal(err)
				}
				n := 0
				for task := e.Poll(wg, "h", now); task != nil; task = e.Poll(wg, "h", now) {
					if err := e.SetTaskStatus(task.TaskID, pipelinerun.TaskFinished, "", "", "", now); err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != days*96+1 {
					b.Fatalf("%d tasks, want %d", n, days*96+1)
				}
			}
		})
	}
}
