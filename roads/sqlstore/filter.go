package sqlstore

import (
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// RuasWhere is the filter's SQL condition on table ruas and its arguments.
func (d *Dialect) RuasWhere(f roads.RuasFilter) (string, []any) {
	var conds []string
	var args []any
	if !f.Retired {
		conds = append(conds, "id NOT IN ("+d.Standing()+")")
	}
	if f.Region != "" {
		conds, args = append(conds, "region = ?"), append(args, f.Region)
	}
	if c, a := ScopeWhere(f.Within); c != "" {
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Kecamatan != "" {
		conds, args = append(conds, "(kecamatan_code = ? OR "+d.EqualNoCase("kecamatan")+")"), append(args, f.Kecamatan, f.Kecamatan)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if f.Surface != "" {
		conds, args = append(conds, "surface = ?"), append(args, f.Surface)
	}
	if f.Search != "" {
		like := "%" + strings.NewReplacer("%", `\%`, "_", `\_`).Replace(f.Search) + "%"
		conds, args = append(conds, `(name `+d.Like+` ? ESCAPE '\' OR no_ruas `+d.Like+` ? ESCAPE '\')`), append(args, like, like)
	}
	if f.Bound != nil {
		c, a := d.BoundWhere(*f.Bound)
		conds, args = append(conds, c), append(args, a...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}
