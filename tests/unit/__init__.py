# A package, so a unit test module may share a name with an end-to-end one in tests/ ("unit.test_x").
