package expr

// Eval evaluates one expression.
func Eval(n Node, env Env) (Value, error) {
	e := &evaluator{env: env}
	return e.eval(n)
}

// ParseExpr parses a bare expression (without #{ }).
func ParseExpr(s string) (Node, *Error) { return parseExpr(s, 0, len(s)) }
