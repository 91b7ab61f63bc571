// layered_3d.geo -- MesoCell test mesh: unit cube [0,1]^3 split into three
// layers along x at x=0.2 and x=0.5 (layer_a, layer_b, layer_c), structured
// transfinite hexahedra (order 1), conforming interfaces.
// Regenerate with:
//   gmsh layered_3d.geo -3 -format msh41 -o layered_3d.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

x1 = 0.2; x2 = 0.5;
na = 4; nb = 6; nc = 10;   // x divisions per layer
ny = 5; nz = 5;            // y and z divisions

Box(1) = {0,  0, 0, x1,      1, 1};
Box(2) = {x1, 0, 0, x2 - x1, 1, 1};
Box(3) = {x2, 0, 0, 1 - x2,  1, 1};
BooleanFragments{ Volume{1,2,3}; Delete; }{}

eps = 1e-3;
va[] = Volume In BoundingBox{-eps, -eps, -eps, x1 + eps, 1 + eps, 1 + eps};
vb[] = Volume In BoundingBox{x1 - eps, -eps, -eps, x2 + eps, 1 + eps, 1 + eps};
vc[] = Volume In BoundingBox{x2 - eps, -eps, -eps, 1 + eps, 1 + eps, 1 + eps};

// transfinite divisions: classify every (straight) curve by its direction
allc[] = Curve{:};
For i In {0 : #allc[] - 1}
  c = allc[i];
  bb[] = BoundingBox Curve{c};
  dx = bb[3] - bb[0]; dy = bb[4] - bb[1]; dz = bb[5] - bb[2];
  If (dx > dy && dx > dz)
    xm = 0.5 * (bb[0] + bb[3]);
    If (xm < x1)
      Transfinite Curve{c} = na + 1;
    ElseIf (xm < x2)
      Transfinite Curve{c} = nb + 1;
    Else
      Transfinite Curve{c} = nc + 1;
    EndIf
  ElseIf (dy > dz)
    Transfinite Curve{c} = ny + 1;
  Else
    Transfinite Curve{c} = nz + 1;
  EndIf
EndFor
Transfinite Surface{:};
Recombine Surface{:};
Transfinite Volume{:};
Recombine Volume{:};

Physical Volume("layer_a", 1) = {va[]};
Physical Volume("layer_b", 2) = {vb[]};
Physical Volume("layer_c", 3) = {vc[]};
Physical Surface("xmin", 4) = Surface In BoundingBox{-eps, -eps, -eps, eps, 1 + eps, 1 + eps};
Physical Surface("xmax", 5) = Surface In BoundingBox{1 - eps, -eps, -eps, 1 + eps, 1 + eps, 1 + eps};
Physical Surface("ymin", 6) = Surface In BoundingBox{-eps, -eps, -eps, 1 + eps, eps, 1 + eps};
Physical Surface("ymax", 7) = Surface In BoundingBox{-eps, 1 - eps, -eps, 1 + eps, 1 + eps, 1 + eps};
Physical Surface("zmin", 8) = Surface In BoundingBox{-eps, -eps, -eps, 1 + eps, 1 + eps, eps};
Physical Surface("zmax", 9) = Surface In BoundingBox{-eps, -eps, 1 - eps, 1 + eps, 1 + eps, 1 + eps};
