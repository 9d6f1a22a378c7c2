package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The bbolt store. bbolt (go.etcd.io/bbolt, etcd's) is one file, pure Go,
// with transactions that are on disk (fsync) when Commit returns: every
// write the server acknowledges has been committed. An embedded SQLite
// would do as well, at the cost of a far larger module for no query the
// server needs: it reads everything at start and writes one pipeline at a
// time.
const (
	// StoreFile is the store's file in the --state directory.
	StoreFile = "dplint-serve.db"
	// StoreSchema names the layout of the store: a store written under
	// another is refused, never misread. Change it with the layout.
	StoreSchema = "dplint-serve/1"
)

var (
	metaBucket  = []byte("meta")
	schemaKey   = []byte("schema")
	pipesBucket = []byte("pipelines")
)

// Bolt is a Store in a bbolt file.
type Bolt struct {
	db *bolt.DB
}

// OpenBolt opens (or makes) the store in dir. It fails with a clear
// message when another process holds it, or another version of dplint
// wrote it.
func OpenBolt(dir string) (*Bolt, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("--state %s: %w", dir, err)
	}
	path := filepath.Join(dir, StoreFile)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("--state %s: the store is in use by another process (another dplint serve?)", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("--state %s: opening %s: %w", dir, StoreFile, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(metaBucket)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return fmt.Errorf("%s holds data but no schema version: not a dplint serve store", path)
			}
			if meta, err = tx.CreateBucket(metaBucket); err != nil {
				return err
			}
			if err := meta.Put(schemaKey, []byte(StoreSchema)); err != nil {
				return err
			}
		}
		if got := string(meta.Get(schemaKey)); got != StoreSchema {
			return fmt.Errorf("%s was written by another version of dplint (store schema %q; this dplint reads %q): use that version, or start with an empty --state directory", path, got, StoreSchema)
		}
		_, err := tx.CreateBucketIfNotExists(pipesBucket)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("--state %s: %w", dir, err)
	}
	return &Bolt{db: db}, nil
}

// Load implements Store.
func (b *Bolt) Load() ([]*Pipeline, error) {
	var out []*Pipeline
	err := b.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(pipesBucket).ForEach(func(k, v []byte) error {
			var p Pipeline
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("pipeline %s: %w", k, err)
			}
			out = append(out, &p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	return out, nil
}

// Save implements Store: one transaction, on disk when it returns.
func (b *Bolt) Save(p *Pipeline) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return b.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(pipesBucket).Put([]byte(p.ID), data)
	})
}

// Close implements Store.
func (b *Bolt) Close() error { return b.db.Close() }
