package serve

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/dplint/dplint/internal/iotserve"
)

// iotBucket holds IoT Analytics pipelines by name in the same bbolt file,
// each write its own committed transaction like Data Pipeline's. A store
// made before it simply has none yet: the bucket is made on the first
// write, so the store schema stays the same.
var iotBucket = []byte("iotanalytics")

type boltIoT struct{ db *bolt.DB }

// IoT is the store of IoT Analytics pipelines.
func (b *Bolt) IoT() iotserve.Store { return boltIoT{b.db} }

func (b boltIoT) Get(name string) (*iotserve.Pipeline, bool, error) {
	var p *iotserve.Pipeline
	err := b.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(iotBucket)
		if bk == nil {
			return nil
		}
		data := bk.Get([]byte(name))
		if data == nil {
			return nil
		}
		p = &iotserve.Pipeline{}
		return json.Unmarshal(data, p)
	})
	if err != nil {
		return nil, false, fmt.Errorf("reading IoT Analytics pipeline %s: %w", name, err)
	}
	return p, p != nil, nil
}

func (b boltIoT) Put(p *iotserve.Pipeline) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.db.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(iotBucket)
		if err != nil {
			return err
		}
		return bk.Put([]byte(p.Name), data)
	})
}

func (b boltIoT) Delete(name string) error {
	return b.db.Update(func(tx *bolt.Tx) error {
		if bk := tx.Bucket(iotBucket); bk != nil {
			return bk.Delete([]byte(name))
		}
		return nil
	})
}

func (b boltIoT) Names() ([]string, error) {
	var out []string
	err := b.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(iotBucket)
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(k, _ []byte) error { out = append(out, string(k)); return nil })
	})
	return out, err
}
