// triangles_2d.geo -- MesoCell NEGATIVE test mesh: unit square [0,1]^2 meshed
// with TRIANGLES (no recombination). The program must reject it (only quads /
// hexes are supported). Physical surface "matrix" (1), physical curves
// "xmin" (2), "xmax" (3), "ymin" (4), "ymax" (5).
// Regenerate with:
//   gmsh triangles_2d.geo -2 -format msh41 -o triangles_2d.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;
Mesh.RecombineAll = 0;
Mesh.Algorithm = 6;
Mesh.MeshSizeMin = 0.25;
Mesh.MeshSizeMax = 0.25;

Rectangle(1) = {0, 0, 0, 1, 1};
eps = 1e-3;
Physical Surface("matrix", 1) = {1};
Physical Curve("xmin", 2) = Curve In BoundingBox{-eps, -eps, -eps, eps, 1 + eps, eps};
Physical Curve("xmax", 3) = Curve In BoundingBox{1 - eps, -eps, -eps, 1 + eps, 1 + eps, eps};
Physical Curve("ymin", 4) = Curve In BoundingBox{-eps, -eps, -eps, 1 + eps, eps, eps};
Physical Curve("ymax", 5) = Curve In BoundingBox{-eps, 1 - eps, -eps, 1 + eps, 1 + eps, eps};
