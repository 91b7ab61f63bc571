// pillars_3d_tet.geo -- MesoCell composite cathode unit cell (micrometres),
// UNSTRUCTURED variant (tets split into hexes). Same geometry and physical
// groups as pillars_3d.geo (which is the structured O-grid version):
// box x,y in [0,20], z in [0,40] with four vertical cylindrical pillars
// (radius 3.5, centres (5,5),(15,5),(5,15),(15,15)) from z=0 to z=30; the top
// 10 um (z in [30,40]) is pure matrix next to the separator.
// Phases (3D): "pillar" (tag 1, the four cylinders), "matrix" (tag 2, the rest).
// Boundaries (2D): "collector" (3, z=0, pillar + matrix parts), "separator" (4, z=40),
// "xmin" (5), "xmax" (6), "ymin" (7), "ymax" (8).
// Meshed with tetrahedra (size lc, and ~8 elements per circle on the pillars), then
// every tet is split into 4 hexahedra (Mesh.SubdivisionAlgorithm = 2) -> all-hex, order 1.
// Note: every hex from this split is an affine image of the same reference
// shape, so min/max Jacobian ratio is 2/27 = 0.074 for every cell, and coarser
// sizes do not reduce the count much below ~5000 hexes (the 1.5 um gaps between
// pillars and walls dictate the size) while the pillar cross-sections degenerate
// to triangles/squares. That is why pillars_3d.geo uses a structured O-grid.
// Regenerate with:
//   gmsh pillars_3d_tet.geo -3 -format msh41 -o pillars_3d_tet.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

DefineConstant[ lc = 6 ];     // tet characteristic length (um); override with -setnumber lc X

L = 20; H = 40; Hp = 30; r = 3.5;

Box(1) = {0, 0, 0, L, L, H};
Cylinder(2) = {5,  5,  0, 0, 0, Hp, r};
Cylinder(3) = {15, 5,  0, 0, 0, Hp, r};
Cylinder(4) = {5,  15, 0, 0, 0, Hp, r};
Cylinder(5) = {15, 15, 0, 0, 0, Hp, r};
BooleanFragments{ Volume{1}; Delete; }{ Volume{2,3,4,5}; Delete; }

eps = 1e-3 * H;
vpil[] = Volume In BoundingBox{-eps, -eps, -eps, L + eps, L + eps, Hp + eps};
vall[] = Volume{:};
vmat[] = vall[];
vmat[] -= vpil[];

Mesh.MeshSizeMax = lc;
Mesh.MeshSizeFromPoints = 0;
Mesh.MeshSizeFromCurvature = 8;    // ~8 elements per 2*pi on the cylinders (caps the size there)
Mesh.Algorithm = 6;
Mesh.Algorithm3D = 1;
Mesh.Optimize = 1;
Mesh.SubdivisionAlgorithm = 2;     // tets -> hexes (and boundary tris -> quads)
Mesh.SecondOrderLinear = 1;       // subdivision midpoints stay on straight tet edges (no snapping
                                   // to the curved CAD surface) -> every hex inherits a valid tet
                                   // geometry; the pillar surfaces are faceted like the tet mesh

Physical Volume("pillar", 1) = {vpil[]};
Physical Volume("matrix", 2) = {vmat[]};
Physical Surface("collector", 3) = Surface In BoundingBox{-eps, -eps, -eps, L + eps, L + eps, eps};
Physical Surface("separator", 4) = Surface In BoundingBox{-eps, -eps, H - eps, L + eps, L + eps, H + eps};
Physical Surface("xmin", 5) = Surface In BoundingBox{-eps, -eps, -eps, eps, L + eps, H + eps};
Physical Surface("xmax", 6) = Surface In BoundingBox{L - eps, -eps, -eps, L + eps, L + eps, H + eps};
Physical Surface("ymin", 7) = Surface In BoundingBox{-eps, -eps, -eps, L + eps, eps, H + eps};
Physical Surface("ymax", 8) = Surface In BoundingBox{-eps, L - eps, -eps, L + eps, L + eps, H + eps};
