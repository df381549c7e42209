package pgstore

import (
	"testing"

	"github.com/kotablitar/ruas/roads/storetest"
)

// TestOfficesPostgres runs the offices suite on the PostgreSQL store.
func TestOfficesPostgres(t *testing.T) {
	storetest.RunOffices(t, func(t *testing.T) storetest.OfficeStore { return suite{openTest(t, nil)} })
}
