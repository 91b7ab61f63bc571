// single_particle.geo -- MesoCell single-particle half cell (micrometres,
// Length unit 1e-6): one octant of a sphere of radius R = 2 centred at the
// origin (the active particle) inside the box [0,4]^3 of electrolyte.
// Phases (3D): "particle" (tag 1, the octant), "electrolyte" (tag 2, the rest).
// Boundaries (2D): "collector" (3, the particle's flat face on x = 0 only, not
// the electrolyte's part of that plane), "foil" (4, the box face x = 4).
// The other flat faces (x = 0 outside the particle, y = 0, z = 0, y = 4,
// z = 4) are symmetry planes: they carry no physical group and get deal.II
// boundary id 0 (natural no-flux conditions).
// Meshed with tetrahedra (size lc_p in the particle, lc_e at the outer box
// corners), then every tet is split into 4 hexahedra
// (Mesh.SubdivisionAlgorithm = 2) -> all-hex, order 1. Mesh.SecondOrderLinear
// = 1 keeps the subdivision nodes on the straight tet edges, so the sphere is
// faceted (its measured volume and area are a little below 4 pi R^3/24 and
// pi R^2/2); see pillars_3d_tet.geo.
// Regenerate with:
//   gmsh single_particle.geo -3 -format msh41 -o single_particle.msh
SetFactory("OpenCASCADE");
Mesh.Binary = 0;
Mesh.MshFileVersion = 4.1;
Mesh.ElementOrder = 1;

DefineConstant[ lc_p = 0.45 ];  // tet size in and on the particle (um)
DefineConstant[ lc_e = 2.0 ];   // tet size at the far corners of the box (um)

R = 2; L = 4;

Box(1) = {0, 0, 0, L, L, L};
Sphere(2) = {0, 0, 0, R};
Box(3) = {0, 0, 0, R, R, R};
BooleanIntersection(4) = { Volume{2}; Delete; }{ Volume{3}; Delete; };
BooleanFragments{ Volume{1}; Delete; }{ Volume{4}; Delete; }

eps = 1e-3 * L;
vpar[] = Volume In BoundingBox{-eps, -eps, -eps, R + eps, R + eps, R + eps};
vall[] = Volume{:};
vele[] = vall[];
vele[] -= vpar[];

// Sizes: fine on the particle's points, coarse at the far corners of the box.
MeshSize{ PointsOf{ Volume{vele[]}; } } = lc_e;
MeshSize{ PointsOf{ Volume{vpar[]}; } } = lc_p;
Mesh.MeshSizeMax = lc_e;
Mesh.MeshSizeFromCurvature = 0;
Mesh.Algorithm = 6;
Mesh.Algorithm3D = 1;
Mesh.Optimize = 1;
Mesh.SubdivisionAlgorithm = 2;     // tets -> hexes (and boundary tris -> quads)
Mesh.SecondOrderLinear = 1;       // no snapping of subdivision nodes to the sphere

Physical Volume("particle", 1) = {vpar[]};
Physical Volume("electrolyte", 2) = {vele[]};
// The particle's flat face on x = 0: inside the bounding box of the quarter disc.
Physical Surface("collector", 3) = Surface In BoundingBox{-eps, -eps, -eps, eps, R + eps, R + eps};
Physical Surface("foil", 4) = Surface In BoundingBox{L - eps, -eps, -eps, L + eps, L + eps, L + eps};
