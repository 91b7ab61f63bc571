// layered_2d.geo -- MesoCell test mesh: unit square [0,1]x[0,1] split into three
// vertical layers at x=0.2 and x=0.5 (layer_a, layer_b, layer_c), structured
// transfinite quadrilaterals (order 1), conforming interfaces.
// Regenerate with:
//   gmsh layered_2d.geo -2 -format msh41 -o layered_2d.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

x1 = 0.2; x2 = 0.5;
na = 4; nb = 6; nc = 10; ny = 8;   // element divisions

Rectangle(1) = {0,  0, 0, x1,      1};
Rectangle(2) = {x1, 0, 0, x2 - x1, 1};
Rectangle(3) = {x2, 0, 0, 1 - x2,  1};
BooleanFragments{ Surface{1,2,3}; Delete; }{}

eps = 1e-3;
sa[] = Surface In BoundingBox{-eps, -eps, -eps, x1 + eps, 1 + eps, eps};
sb[] = Surface In BoundingBox{x1 - eps, -eps, -eps, x2 + eps, 1 + eps, eps};
sc[] = Surface In BoundingBox{x2 - eps, -eps, -eps, 1 + eps, 1 + eps, eps};

cxmin[] = Curve In BoundingBox{-eps, -eps, -eps, eps, 1 + eps, eps};
cxmax[] = Curve In BoundingBox{1 - eps, -eps, -eps, 1 + eps, 1 + eps, eps};
cymin[] = Curve In BoundingBox{-eps, -eps, -eps, 1 + eps, eps, eps};
cymax[] = Curve In BoundingBox{-eps, 1 - eps, -eps, 1 + eps, 1 + eps, eps};

// vertical curves (all x = const lines) get ny divisions
cv[] = Curve In BoundingBox{-eps, -eps, -eps, eps, 1 + eps, eps};
cv[] += Curve In BoundingBox{x1 - eps, -eps, -eps, x1 + eps, 1 + eps, eps};
cv[] += Curve In BoundingBox{x2 - eps, -eps, -eps, x2 + eps, 1 + eps, eps};
cv[] += Curve In BoundingBox{1 - eps, -eps, -eps, 1 + eps, 1 + eps, eps};
Transfinite Curve{cv[]} = ny + 1;
// horizontal curves per layer
Transfinite Curve{Curve In BoundingBox{-eps, -eps, -eps, x1 + eps, eps, eps},
                  Curve In BoundingBox{-eps, 1 - eps, -eps, x1 + eps, 1 + eps, eps}} = na + 1;
Transfinite Curve{Curve In BoundingBox{x1 - eps, -eps, -eps, x2 + eps, eps, eps},
                  Curve In BoundingBox{x1 - eps, 1 - eps, -eps, x2 + eps, 1 + eps, eps}} = nb + 1;
Transfinite Curve{Curve In BoundingBox{x2 - eps, -eps, -eps, 1 + eps, eps, eps},
                  Curve In BoundingBox{x2 - eps, 1 - eps, -eps, 1 + eps, 1 + eps, eps}} = nc + 1;
Transfinite Surface{sa[], sb[], sc[]};
Recombine Surface{sa[], sb[], sc[]};

Physical Surface("layer_a", 1) = {sa[]};
Physical Surface("layer_b", 2) = {sb[]};
Physical Surface("layer_c", 3) = {sc[]};
Physical Curve("xmin", 4) = {cxmin[]};
Physical Curve("xmax", 5) = {cxmax[]};
Physical Curve("ymin", 6) = {cymin[]};
Physical Curve("ymax", 7) = {cymax[]};
